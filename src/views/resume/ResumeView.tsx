import { useId, useMemo, useState } from 'react';
import { useLang, useT } from '../../i18n';
import { resumeStrings } from '../../i18n/strings/resume';
import { CopyDownload } from '../../components/CopyDownload';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FileDrop } from '../../components/FileDrop';
import { ModelStatus } from '../../components/ModelStatus';
import { ProgressBar } from '../../components/ProgressBar';
import { ACCEPTED_EXTENSIONS, MAX_FILE_BYTES, MAX_TEXT_CHARS } from '../../files/limits';
import { OccupationResults } from './OccupationResults';
import { occupationCsv } from './report';
import { rerankOccupations } from './rerank';
import { SkillEditor } from './SkillEditor';
import { useResumeAnalysis } from './useResumeAnalysis';

export default function ResumeView() {
  const t = useT(resumeStrings);
  const { lang, contentLang } = useLang();
  const state = useResumeAnalysis(contentLang);
  const { text, setText, result, edits, setEdits, running, progress, error, setError, matcher } = state;
  const tc = useT();
  const [fileError, setFileError] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const textId = useId();
  const hintId = useId();

  const skillList = useMemo(() => {
    if (!result) return [];
    const removed = new Set(edits.removed);
    const evidenceOf = (evidence?: number[]) => (evidence?.length ? result.segments[evidence[0]]?.text : undefined);
    const detected = result.skills
      .filter((hit) => !removed.has(hit.id))
      .map((hit) => ({ id: hit.id, label: result.entries[hit.id]?.label ?? hit.id, added: false, evidence: evidenceOf(hit.evidence) }));
    const detectedIds = new Set(result.skills.map((hit) => hit.id));
    const added = edits.added
      .filter((id) => !detectedIds.has(id) && !removed.has(id))
      .map((id) => ({ id, label: result.entries[id]?.label ?? id, added: true, evidence: undefined }));
    return [...detected, ...added];
  }, [result, edits]);

  const evidence = useMemo(() => {
    const map = new Map<string, string>();
    for (const skill of skillList) if (skill.evidence) map.set(skill.id, skill.evidence);
    return map;
  }, [skillList]);

  const ranked = useMemo(() => {
    if (!result) return [];
    const skills = new Set(skillList.map((skill) => skill.id));
    const candidates = result.occupations.map((hit) => ({
      id: hit.id,
      score: hit.score,
      essentialSkills: result.entries[hit.id]?.essentialSkills ?? [],
      optionalSkills: result.entries[hit.id]?.optionalSkills ?? [],
    }));
    return rerankOccupations(candidates, skills);
  }, [result, skillList]);

  const added = useMemo(() => new Set(edits.added), [edits.added]);
  const tooLong = text.length > MAX_TEXT_CHARS;
  const stale = result !== null && result.text !== text && !running;

  function analyze() {
    setError(null);
    setInputError(null);
    if (!text.trim()) return setInputError(t('textEmpty'));
    if (tooLong) return setInputError(t('textTooLong', { chars: text.length, max: MAX_TEXT_CHARS }));
    void state.analyze(text);
  }

  const csv = () => (result ? occupationCsv(result, ranked, t) : { header: [], rows: [] });

  return (
    <section aria-labelledby="resume-heading" className="resume-view">
      <h2 id="resume-heading" className="no-print">{t('title')}</h2>
      <p className="no-print">{t('intro')}</p>

      <div className="card no-print">
        <div className="field">
          <label htmlFor={textId}>{t('textLabel')}</label>
          <span id={hintId} className="muted">
            {t('textHint')}
            {state.sourceName && <> · {t('loadedFrom', { name: state.sourceName })}</>}
          </span>
          <textarea
            id={textId}
            value={text}
            aria-describedby={hintId}
            aria-invalid={tooLong || undefined}
            spellCheck={false}
            onChange={(event) => {
              setText(event.target.value);
              state.setSourceName(null);
            }}
            data-testid="resume-text"
          />
          <span className={tooLong ? 'skill-missing' : 'muted'} aria-live="polite">
            {t('charCount', { chars: text.length })}
            {tooLong && ` — ${t('textTooLong', { chars: text.length, max: MAX_TEXT_CHARS })}`}
          </span>
        </div>
        <FileDrop
          accept={ACCEPTED_EXTENSIONS}
          maxBytes={MAX_FILE_BYTES}
          onText={(fileText, name) => {
            setFileError(null);
            setInputError(null);
            setText(fileText);
            state.setSourceName(name);
          }}
          onError={setFileError}
        />
        <ErrorMessage message={fileError} onDismiss={() => setFileError(null)} testId="file-error" />
        <div className="button-row">
          <button type="button" onClick={analyze} disabled={running} data-testid="analyze">
            {t('analyze')}
          </button>
          {running && (
            <button type="button" className="secondary" onClick={state.cancel}>
              {tc('cancel')}
            </button>
          )}
          {text && !running && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setText('');
                state.setSourceName(null);
              }}
            >
              {t('clearText')}
            </button>
          )}
        </div>
        {running && (
          <>
            {matcher.status === 'loading' && <ModelStatus />}
            <ProgressBar
              label={progress?.label ?? t('analyzing')}
              done={progress?.done}
              total={progress?.total}
              indeterminate={!progress?.total}
            />
          </>
        )}
        <p role="status" className="status-text" data-testid="resume-status">
          {state.cancelled && !running ? tc('cancelled') : ''}
        </p>
        <ErrorMessage message={inputError} onDismiss={() => setInputError(null)} testId="input-error" />
        <ErrorMessage
          message={error ? t('analysisFailed', { error }) : null}
          onRetry={text.trim() && !tooLong ? analyze : undefined}
          onDismiss={() => setError(null)}
        />
      </div>

      {result && (
        <div className="resume-results" data-testid="resume-results">
          <div className="print-only">
            <h2>{t('reportTitle')}</h2>
            <p>{t('reportDate', { date: new Date(result.createdAt).toLocaleString(lang), model: result.modelId ?? t('noModel') })}</p>
          </div>
          {stale && <p className="notice no-print" role="status">{t('staleResult')}</p>}
          {result.mode === 'lexical' && <p className="notice">{t('keywordsOnly')}</p>}

          <section className="card" aria-labelledby="resume-skills-heading">
            <h3 id="resume-skills-heading">{t('skillsTitle')}</h3>
            <p className="muted no-print">{t('skillsIntro')}</p>
            <SkillEditor
              skills={skillList}
              client={matcher.client}
              lang={contentLang}
              queryLang={lang}
              mode={matcher.status === 'ready' ? undefined : 'lexical'}
              onRemove={(id) =>
                setEdits((previous) => ({ removed: [...previous.removed, id], added: previous.added.filter((other) => other !== id) }))
              }
              onAdd={(entry) => {
                state.setResult((previous) => (previous ? { ...previous, entries: { ...previous.entries, [entry.id]: entry } } : previous));
                setEdits((previous) => ({ removed: previous.removed.filter((other) => other !== entry.id), added: [...previous.added, entry.id] }));
              }}
              onRestore={edits.removed.length || edits.added.length ? () => setEdits({ removed: [], added: [] }) : undefined}
            />
          </section>

          <section aria-labelledby="resume-occupations-heading">
            <h3 id="resume-occupations-heading">{t('occupationsTitle')}</h3>
            <details className="no-print">
              <summary>{t('rankingHow')}</summary>
              <p>{t('rankingText')}</p>
            </details>
            <OccupationResults result={result} ranked={ranked} evidence={evidence} added={added} />
          </section>

          <div className="button-row no-print">
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t('print')}
            </button>
            <CopyDownload filename="resume-occupations.csv" header={csv().header} rows={() => csv().rows} />
          </div>
        </div>
      )}
    </section>
  );
}
