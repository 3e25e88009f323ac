/**
 * The decision editor: dmn-js (decision requirements diagram, decision tables, literal expressions) for the
 * `.dmn` files of bpmn/, with dmn-js's own texts in Chinese. The lint runs on the server when it is saved (the
 * engine's own DMN compiler). A decision with XML comments says on opening that a save will not keep them.
 */
import DmnModeler from 'dmn-js/lib/Modeler';
import { useEffect, useRef } from 'preact/hooks';
import type { EditorProps } from '../editors/editor-contract.js';
import { importFailure, importWarnings } from '../editors/import-problems.js';
import { watchDmnHardCodedTexts } from './chinese-dmn-hard-coded-texts.js';
import { t } from '../texts.js';
import { chineseDmnTranslateModule } from './chinese-dmn-translate.js';
import { xmlCommentCount } from '../editors/xml-comments.js';

interface DmnModelerInstance {
  importXML(xml: string): Promise<{ warnings?: unknown[] }>;
  saveXML(options: { format: boolean }): Promise<{ xml: string }>;
  on(event: string, callback: () => void): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  getActiveViewer(): { get(name: string): any } | undefined;
  destroy(): void;
}

export function DmnEditor({ text, savedFindings, onReady, onChange, onFindings, onError, onNotice }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    const chinese = { additionalModules: [chineseDmnTranslateModule] };
    const modeler = new DmnModeler({
      container: host.current!,
      common: { keyboard: { bindTo: window } },
      drd: chinese,
      decisionTable: chinese,
      literalExpression: chinese,
      boxedExpression: chinese,
    }) as unknown as DmnModelerInstance;
    const stopTranslating = watchDmnHardCodedTexts(host.current!);
    const commandStack = () => modeler.getActiveViewer()?.get('commandStack');
    modeler
      .importXML(text)
      .then((imported) => {
        if (!alive) return;
        onFindings([]);
        const warned = importWarnings('dmn', imported.warnings);
        if (warned) onError(warned);
        // (information, not a failure: nothing is wrong with the file, a save will only leave its comments out)
        const comments = xmlCommentCount(text);
        if (comments > 0) onNotice?.(t.editor.decisionComments(comments));
        // each view (diagram, table) has its own command stack: listen to the one shown
        const watched = new WeakSet<object>();
        const watch = () => {
          const viewer = modeler.getActiveViewer();
          if (!viewer || watched.has(viewer)) return;
          watched.add(viewer);
          viewer.get('eventBus').on('commandStack.changed', () => onChange());
        };
        modeler.on('views.changed', watch);
        watch();
        onReady({
          getText: async () => (await modeler.saveXML({ format: true })).xml,
          undo: () => commandStack()?.undo(),
          redo: () => commandStack()?.redo(),
          showFinding: () => undefined,
        });
      })
      .catch((error: Error) => {
        if (!alive) return;
        onError(importFailure('dmn', error));
        onFindings(savedFindings);
      });
    return () => {
      alive = false;
      onReady(undefined);
      stopTranslating();
      modeler.destroy();
    };
  }, [text]);

  return <div class="dmn-editor" ref={host} />;
}
