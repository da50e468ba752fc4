export { ProgressBar, type ProgressBarProps } from './ProgressBar';
export { FileDrop, type FileDropProps } from './FileDrop';
export { ResultList, type ResultItem, type ResultListProps } from './ResultList';
export { CopyDownload, type CopyDownloadProps } from './CopyDownload';
export { ErrorMessage, type ErrorMessageProps } from './ErrorMessage';
export { BackendBadge, backendName } from './BackendBadge';
export { ModelStatus } from './ModelStatus';
export { toCsv, neutralizeCell, downloadText } from './csv';
