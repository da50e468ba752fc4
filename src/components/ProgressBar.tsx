import { useId } from 'react';

export interface ProgressBarProps {
  label: string;
  done?: number;
  total?: number;
  /** No known total: shows a moving bar and no aria-valuenow. */
  indeterminate?: boolean;
}

/** A labelled progress bar that screen readers announce (role=progressbar with aria values). */
export function ProgressBar({ label, done, total, indeterminate }: ProgressBarProps) {
  const id = useId();
  const known = !indeterminate && typeof done === 'number' && typeof total === 'number' && total > 0;
  const percent = known ? Math.max(0, Math.min(100, (done / total) * 100)) : 0;
  return (
    <div className="progress">
      <div className="progress-label" id={id}>
        {label}
        {known && <span className="progress-percent"> {Math.round(percent)} %</span>}
      </div>
      <div
        className={`progress-track${known ? '' : ' progress-indeterminate'}`}
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? 100 : undefined}
        aria-valuenow={known ? Math.round(percent) : undefined}
        aria-valuetext={known ? `${Math.round(percent)} %` : undefined}
      >
        <div className="progress-fill" style={known ? { width: `${percent}%` } : undefined} />
      </div>
    </div>
  );
}
