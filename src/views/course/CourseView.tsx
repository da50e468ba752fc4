import { useEffect, useId, useMemo, useState } from 'react';
import type { EscoEntry, Lang, SearchMode, TextAnalysis } from '../../../workers/api';
import { CONTENT_LANGS, formatScore, LANG_NAMES, useLang, useT } from '../../i18n';
import { courseStrings } from '../../i18n/strings/course';
import { useMatcher } from '../../matcher/useMatcher';
import { usePersistentLarge, usePersistentState } from '../../state/persist';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FileDrop } from '../../components/FileDrop';
import { ProgressBar } from '../../components/ProgressBar';
import { ACCEPTED_EXTENSIONS, MAX_FILE_BYTES, MAX_TEXT_CHARS } from '../../files/limits';
import { toCsv } from '../../export/csv';
import { CSV_TYPE, downloadBlob } from '../../export/download';
import { useJob } from '../titles/useJob';
import { courseSkillRows, type CourseSkillRow, type SkillKind } from './courseRows';
import './course.css';

interface CourseResult {
  text: string;
  analysis: TextAnalysis;
  /** ESCO details of the skills and occupations, in the content language of the run. */
  skills: EscoEntry[];
  occupations: EscoEntry[];
  lang: Lang;
  /** Matched by keywords only (no model). */
  keywordsOnly?: boolean;
  /** The language the text was analysed in, when it was detected ("Detect automatically"). */
  detectedLang?: Lang;
}

const SKILL_COUNTS = [10, 20, 30, 50];
/** Fewer words than this rarely say enough about what a course teaches. */
const SHORT_TEXT_WORDS = 12;

export default function CourseView() {
  const t = useT(courseStrings);
  const { lang, contentLang } = useLang();
  const matcher = useMatcher();
  const job = useJob();
  const headingId = useId();
  const textId = useId();
  const langId = useId();
  const countId = useId();
  const filterId = useId();
  const [text, setText, textRestored] = usePersistentLarge<string>('course.text', '');
  const [textLang, setTextLang] = usePersistentState<Lang | 'auto'>('course.textLang', 'auto');
  const [k, setK] = usePersistentState<number>('course.k', 20);
  const [kind, setKind] = usePersistentState<SkillKind | 'all'>('course.kind', 'all');
  const [result, setResult] = usePersistentLarge<CourseResult | null>('course.result', null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function analyse() {
    setInputError(null);
    setNotice(null);
    const trimmed = text.trim();
    if (!trimmed) return setInputError(t('emptyText'));
    if (trimmed.split(/\s+/).length < SHORT_TEXT_WORDS) setNotice(t('tooShort'));
    const outcome = await job.run(async (signal, onProgress, setProgress) => {
      if (!matcher.model) setProgress({ done: 0, total: 0, message: t('modelNotReady') });
      // Without a model (it failed to load) the engine still matches keywords; the result says so.
      const mode: SearchMode | undefined = (await matcher.ready()) ? undefined : 'lexical';
      setProgress({ done: 0, total: 0, message: t('analysing') });
      const input = trimmed.slice(0, MAX_TEXT_CHARS);
      const analysis = await matcher.client.analyzeText(input, {
        k,
        mode,
        lang: textLang === 'auto' ? undefined : textLang,
        signal,
        onProgress,
      });
      const [skills, occupations] = await Promise.all([
        matcher.client.describe(analysis.skills.map((hit) => hit.id), 'skills', contentLang, { signal }),
        matcher.client.describe(analysis.occupations.slice(0, 5).map((hit) => hit.id), 'occupations', contentLang, { signal }),
      ]);
      // The same detection the analysis made, to say which labels it searched.
      const [detectedLang] = textLang === 'auto' ? await matcher.client.detectLanguages([input], { signal }) : [];
      setResult({ text: trimmed, analysis, skills, occupations, lang: contentLang, keywordsOnly: mode === 'lexical', detectedLang });
    });
    if (outcome === 'cancelled') setNotice(t('cancelled'));
  }

  // Skill labels follow the ESCO content language.
  useEffect(() => {
    if (!result || result.lang === contentLang || job.running) return;
    const controller = new AbortController();
    const { signal } = controller;
    Promise.all([
      matcher.client.describe(result.skills.map((entry) => entry.id), 'skills', contentLang, { signal }),
      matcher.client.describe(result.occupations.map((entry) => entry.id), 'occupations', contentLang, { signal }),
    ])
      .then(([skills, occupations]) => setResult({ ...result, skills, occupations, lang: contentLang }))
      .catch(() => {});
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contentLang, result?.lang, job.running]);

  const rows = useMemo(() => (result ? courseSkillRows(result.analysis, result.skills) : []), [result]);
  const shown = kind === 'all' ? rows : rows.filter((row) => row.kind === kind);
  const kindLabel = (value: SkillKind) => t(value === 'knowledge' ? 'typeKnowledge' : value === 'skill' ? 'typeSkill' : 'typeUnknown');

  function exportCsv() {
    const header = [t('hRank'), t('hSkill'), t('hUri'), t('hType'), t('hScore'), t('hEvidence')];
    const data = shown.map((row) => [row.rank, row.label, row.id, kindLabel(row.kind), Math.round(row.score * 1e4) / 1e4, row.evidence.join(' | ')]);
    downloadBlob(toCsv(header, data), 'course-skills.csv', CSV_TYPE);
  }

  return (
    <section aria-labelledby={headingId} className="course-view">
      <h2 id={headingId}>{t('heading')}</h2>
      <p className="muted">{t('intro')}</p>

      <div className="field">
        <label htmlFor={textId}>{t('textLabel')}</label>
        <textarea
          id={textId}
          value={text}
          placeholder={t('textPlaceholder')}
          disabled={!textRestored}
          onChange={(event) => setText(event.target.value)}
          data-testid="course-text"
        />
      </div>
      <p className="muted">{t('fileHint')}</p>
      <FileDrop accept={ACCEPTED_EXTENSIONS} maxBytes={MAX_FILE_BYTES} onText={(value) => setText(value)} onError={setInputError} />

      <div className="course-options">
        <div className="field">
          <label htmlFor={langId}>{t('textLang')}</label>
          <select id={langId} value={textLang} onChange={(event) => setTextLang(event.target.value as Lang | 'auto')}>
            <option value="auto">{t('langAuto')}</option>
            {CONTENT_LANGS.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANG_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={countId}>{t('howMany')}</label>
          <select id={countId} value={k} onChange={(event) => setK(Number(event.target.value))}>
            {SKILL_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="button-row">
        <button type="button" onClick={() => void analyse()} disabled={job.running}>
          {t('analyse')}
        </button>
        {job.running && (
          <button type="button" className="secondary" onClick={job.cancel}>
            {t('cancel')}
          </button>
        )}
        {!job.running && (text || result) && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setText('');
              setResult(null);
              setNotice(null);
            }}
          >
            {t('clear')}
          </button>
        )}
      </div>
      {job.running && (
        <ProgressBar
          label={job.progress?.message ?? t('progressLabel')}
          done={job.progress?.done}
          total={job.progress?.total}
          indeterminate={!job.progress?.total}
        />
      )}
      <ErrorMessage message={inputError} onDismiss={() => setInputError(null)} />
      <ErrorMessage message={job.error} onDismiss={job.clearError} onRetry={() => void analyse()} />
      {notice && <p role="status" className="notice">{notice}</p>}

      {result && (
        <div className="card" data-testid="course-result">
          <h3>{t('resultsHeading', { count: rows.length })}</h3>
          {result.detectedLang && (
            <p className="muted" data-testid="detected-lang">
              {t('detectedLang', { lang: LANG_NAMES[result.detectedLang] })}
            </p>
          )}
          {result.keywordsOnly && <p className="notice">{t('keywordsOnly')}</p>}
          <div className="button-row">
            <label htmlFor={filterId}>{t('filterType')}</label>
            <select id={filterId} value={kind} onChange={(event) => setKind(event.target.value as SkillKind | 'all')}>
              <option value="all">{t('filterAll')}</option>
              <option value="knowledge">{t('filterKnowledge')}</option>
              <option value="skill">{t('filterSkill')}</option>
            </select>
            <button type="button" className="secondary" onClick={exportCsv} disabled={shown.length === 0}>
              {t('exportCsv')}
            </button>
          </div>
          <SkillTable rows={shown} kindLabel={kindLabel} />
          {result.occupations.length > 0 && (
            <>
              <h4>{t('occupationsHeading')}</h4>
              <ul className="course-occupations">
                {result.occupations.map((entry) => (
                  <li key={entry.id} lang={entry.lang}>
                    <a href={entry.url} target="_blank" rel="noopener noreferrer">
                      {entry.label}
                    </a>{' '}
                    <span className="muted">
                      {formatScore(result.analysis.occupations.find((hit) => hit.id === entry.id)?.score ?? 0, lang)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function SkillTable({ rows, kindLabel }: { rows: CourseSkillRow[]; kindLabel: (kind: SkillKind) => string }) {
  const t = useT(courseStrings);
  const { lang } = useLang();
  return (
    <div className="table-scroll">
      <table className="plain course-table" data-testid="course-skills">
        <caption className="visually-hidden">{t('tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">{t('colRank')}</th>
            <th scope="col">{t('colSkill')}</th>
            <th scope="col">{t('colType')}</th>
            <th scope="col" className="num">{t('colScore')}</th>
            <th scope="col">{t('colEvidence')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="num">{row.rank}</td>
              <td>
                <a href={row.url} target="_blank" rel="noopener noreferrer">
                  {row.label}
                </a>
              </td>
              <td>
                <span className={`kind kind-${row.kind}`}>{kindLabel(row.kind)}</span>
              </td>
              <td className="num">{formatScore(row.score, lang)}</td>
              <td>
                {row.evidence.length ? (
                  <ul className="evidence-list">
                    {row.evidence.map((sentence, i) => (
                      <li key={i}>“{sentence}”</li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t('noEvidence')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
