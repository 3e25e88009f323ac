/**
 * One file in its editor: the toolbar (save, undo, redo, history, deploy), the editor itself (loaded on
 * demand), and the problems list. Saving sends the text with the revision it started from; the server lints
 * again and answers whether it is a draft. Leaving with unsaved changes asks first.
 *
 * The 修改说明 field next to 保存 is the analyst's reason for the change, the commit message the history shows.
 * It is optional and never asked for: Ctrl+S (or 保存) saves at once, with what is typed or the server's default
 * 「修改 … （流程建模）」; Enter in the field saves too. A save that makes a new version empties it for the next
 * change; a save without changes keeps it (nothing was recorded) and says so.
 */
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../web-shared/src/api/v2-client.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { navigateTo } from '../../../web-shared/src/routing/history-router.js';
import { logoOutOfTabOrder } from '../../../web-shared/src/layout/logo-out-of-tab-order.js';
import type { Finding } from '../../../scripts/lint/finding.js';
import type { EditorHandle, EditorProps } from '../editors/editor-contract.js';
import { editorKindOf, loadEditor } from '../editors/load-editor.js';
import { xmlCommentCount } from '../editors/xml-comments.js';
import type { LintContext, LintStatus, ModelerApi } from '../modeler-api.js';
import { routePath } from '../routes.js';
import { t } from '../texts.js';
import { DeployDialog } from './deploy-dialog.js';
import { HistoryPanel } from './history-panel.js';
import { ProblemsPanel } from './problems-panel.js';
import { StatusBadge } from './status-badge.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

type Message = { kind: 'ok' | 'error' | 'conflict' } & Failure;

interface Loaded {
  text: string;
  revision: string;
  status: LintStatus;
  /** The saved text's findings, as the server linted it. */
  findings: Finding[];
  lintContext: LintContext;
  Editor: ComponentType<EditorProps>;
}

export function EditorPage({ api, file }: { api: ModelerApi; file: string }) {
  const { client } = useSession();
  const kind = editorKindOf(file);
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [findings, setFindings] = useState<Finding[] | undefined>(undefined);
  /** Whether the open file has shown a finding: from then on the problems pane keeps its full height (no jumping). */
  const [found, setFound] = useState(false);
  const grown = found || (findings?.length ?? 0) > 0;
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | undefined>(undefined);
  /** What the editor tells on opening that is no failure (onNotice): beside the messages, not in their place. */
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [panel, setPanel] = useState<'history' | undefined>(undefined);
  const [deploying, setDeploying] = useState(false);
  const handle = useRef<EditorHandle | undefined>(undefined);
  const revision = useRef<string | null>(null);
  /** The text the file holds now, as the last save left it (an unchanged save keeps the one before). */
  const savedText = useRef('');
  const [reason, setReason] = useState('');
  const reasonRef = useRef(reason);
  reasonRef.current = reason;
  const page = useRef<HTMLDivElement>(null);

  useEffect(() => (page.current ? logoOutOfTabOrder(page.current) : undefined), []);

  // 修改记录 lies over the BPMN properties panel (modeler.css): out of Tab order and reach while it does
  const historyOver = panel === 'history' && kind === 'bpmn' && loaded !== undefined;
  useEffect(() => {
    const covered = historyOver ? page.current?.querySelector<HTMLElement>('.bpmn-properties') : undefined;
    if (!covered) return;
    covered.inert = true;
    return () => {
      covered.inert = false;
    };
  }, [historyOver]);

  useEffect(() => {
    if (grown && !found) setFound(true);
  }, [grown, found]);

  useEffect(() => {
    // another file: its problems pane starts as one line again
    setFound(false);
    if (!kind) return setError(t.errors.load(file));
    Promise.all([api.file(file), api.lintContext(), loadEditor(kind)]).then(
      ([answer, lintContext, Editor]) => {
        revision.current = answer.revision;
        savedText.current = answer.text;
        setLoaded({ text: answer.text, revision: answer.revision, status: answer.status, findings: answer.findings, lintContext, Editor });
      },
      (failure: Error) => setError(failureOf(failure, t.errors.load)),
    );
  }, [api, file, kind]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useCallback(async () => {
    if (!handle.current || saving) return;
    setSaving(true);
    try {
      const text = await handle.current.getText();
      const typed = reasonRef.current.trim();
      const result = await api.save(file, text, revision.current, typed || undefined);
      // only what was sent is cleared: the analyst may have typed on while the save ran; and only when it was
      // recorded (a save without changes makes no version, the text stays for the change still to come)
      if (result.recorded && reasonRef.current.trim() === typed) setReason('');
      revision.current = result.revision;
      // bpmn-js and dmn-js write no XML comments: a recorded save left out those the file had (editors/xml-comments.ts)
      const droppedComments = (kind === 'bpmn' || kind === 'dmn') && result.recorded ? xmlCommentCount(savedText.current) - xmlCommentCount(text) : 0;
      if (result.recorded) savedText.current = text;
      setDirty(false);
      setLoaded((current) => current && { ...current, status: result.status });
      const notes = result.recorded ? [] : [t.editor.unchanged(typed !== '')];
      if (result.status.draft) notes.push(t.editor.savedDraft(result.status.counts.error));
      else if (result.recorded) notes.push(t.editor.saved(result.version));
      if (droppedComments > 0) notes.push(t.editor.commentsDropped(droppedComments));
      // (the notice on opening spoke of comments a save would drop: this one did, and says so)
      if (droppedComments > 0) setNotice(undefined);
      if (result.catalog.updated) notes.push(t.editor.catalogUpdated);
      if (result.catalog.problems.length > 0) notes.push(t.editor.catalogProblems + result.catalog.problems.join('；'));
      setMessage({ kind: result.status.draft ? 'error' : 'ok', text: notes.join('；') });
    } catch (failure) {
      const conflict = failure instanceof ApiError && failure.status === 409;
      setMessage(conflict ? { kind: 'conflict', text: t.editor.conflict } : { kind: 'error', ...failureOf(failure) });
    } finally {
      setSaving(false);
    }
  }, [api, file, kind, saving]);

  useEffect(() => {
    const keys = (event: KeyboardEvent) => {
      // a key pressed while a pinyin input method composes belongs to it (Chrome reports keyCode 229 for it)
      if (composing(event)) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      } else if (event.altKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        document.getElementById('problems-panel')?.focus();
      } else if (event.altKey && event.key.toLowerCase() === 'h') {
        event.preventDefault();
        setPanel('history');
      }
    };
    window.addEventListener('keydown', keys);
    return () => window.removeEventListener('keydown', keys);
  }, [save]);

  const back = (event: Event) => {
    event.preventDefault();
    if (dirty && !window.confirm(t.editor.leaveUnsaved)) return;
    setDirty(false);
    navigateTo(routePath({ page: 'project' }));
  };

  const onReady = useCallback((next: EditorHandle | undefined) => (handle.current = next), []);
  const onChange = useCallback(() => setDirty(true), []);
  const onError = useCallback((failure: Failure | string) => setMessage({ kind: 'error', ...(typeof failure === 'string' ? { text: failure } : failure) }), []);

  if (error) return <ErrorNotice class="page-status error" failure={error} />;
  const Editor = loaded?.Editor;
  return (
    <div class="editor-page" data-kind={kind} ref={page}>
      <div class="editor-toolbar" role="toolbar" aria-label={file}>
        <a href={routePath({ page: 'project' })} onClick={back}>
          ← {t.editor.back}
        </a>
        <strong class="file-name">{file}</strong>
        <label class="save-reason-label" for="save-reason">
          {t.editor.reason}
        </label>
        <input
          id="save-reason"
          class="save-reason"
          type="text"
          maxLength={200}
          value={reason}
          // a pasted control character would only be refused by the server (in git's log it has no place): a space instead
          onInput={(event) => setReason(withoutControlCharacters(event.currentTarget.value))}
          onKeyDown={(event) => {
            // Enter that picks a pinyin candidate is the input method's, not a save
            if (event.key === 'Enter' && !composing(event)) {
              event.preventDefault();
              void save();
            }
          }}
          placeholder={t.editor.reasonPlaceholder}
          aria-describedby="save-reason-hint"
          title={t.editor.reasonHint}
        />
        <span id="save-reason-hint" class="visually-hidden">
          {t.editor.reasonHint}
        </span>
        <button class="primary" onClick={() => void save()} disabled={!loaded || saving} title="Ctrl+S">
          {saving ? t.editor.saving : t.editor.save}
        </button>
        <button onClick={() => handle.current?.undo()} disabled={!loaded} title="Ctrl+Z">
          {t.editor.undo}
        </button>
        <button onClick={() => handle.current?.redo()} disabled={!loaded} title="Ctrl+Y">
          {t.editor.redo}
        </button>
        <button onClick={() => setPanel(panel === 'history' ? undefined : 'history')} aria-pressed={panel === 'history'} title="Alt+H">
          {t.editor.history}
        </button>
        <button onClick={() => setDeploying(true)} disabled={!loaded}>
          {t.editor.deploy}
        </button>
        {dirty && <span class="notice">{t.editor.unsaved}</span>}
        {loaded && <StatusBadge status={loaded.status} />}
        <span class="muted small shortcuts" title={t.editor.shortcuts(kind === 'bpmn')}>
          {t.editor.shortcuts(kind === 'bpmn')}
        </span>
      </div>
      {message?.kind === 'ok' && (
        <div class="banner ok" role="status">
          {message.text}
          <button class="link" onClick={() => setMessage(undefined)} aria-label="关闭">
            ✕
          </button>
        </div>
      )}
      {notice && (
        <div class="banner notice" role="status">
          {notice}
          <button class="link" onClick={() => setNotice(undefined)} aria-label="关闭">
            ✕
          </button>
        </div>
      )}
      {message && message.kind !== 'ok' && (
        <ErrorNotice failure={message}>
          {message.kind === 'conflict' && (
            <button class="link" onClick={() => window.location.reload()}>
              {t.editor.reload}
            </button>
          )}
          <button class="link" onClick={() => setMessage(undefined)} aria-label="关闭">
            ✕
          </button>
        </ErrorNotice>
      )}
      <div class="editor-body">
        <div class="editor-main">
          {!Editor || !loaded ? (
            <p class="page-status">{t.editor.loading}</p>
          ) : (
            <Editor
              file={file}
              text={loaded.text}
              api={api}
              client={client}
              lintContext={loaded.lintContext}
              savedFindings={loaded.findings}
              onReady={onReady}
              onChange={onChange}
              onFindings={setFindings}
              onError={onError}
              onNotice={setNotice}
            />
          )}
        </div>
        {panel === 'history' && loaded && (
          <HistoryPanel api={api} file={file} currentText={() => handle.current?.getText() ?? Promise.resolve(loaded.text)} onClose={() => setPanel(undefined)} />
        )}
      </div>
      <ProblemsPanel
        findings={findings}
        compact={!grown}
        onSelect={(finding) => {
          // the finding's property opens in the BPMN properties panel, which 修改记录 would cover
          if (kind === 'bpmn') setPanel(undefined);
          handle.current?.showFinding(finding);
        }}
      />
      {deploying && loaded && (
        <DeployDialog api={api} client={client} file={file} dirty={dirty} draft={loaded.status.draft} onClose={() => setDeploying(false)} />
      )}
    </div>
  );
}

// helpers

/** A key event that belongs to an input method's composition (pinyin): `isComposing`, or keyCode 229 where a browser reports only that. */
function composing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** The C0 controls and DEL the server refuses in a 修改说明 (modeler-router.ts), each as a space; tabs and line breaks too, as one line is asked for. */
function withoutControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex -- these are the characters meant
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
