/**
 * Takes the bpmn.io logo links (bpmn-js and dmn-js `a.bjs-powered-by`, form-js `a.fjs-powered-by-link`) out of
 * the Tab order: the clerk tabbing from a form's last field to 办结, or the analyst through the modeler's toolbar,
 * otherwise lands on a link to bpmn.io between them. The logo stays visible and clickable, as its licence asks
 * (form-js 1.23 has no option for it: its form always renders the link). The libraries draw their logos when they
 * open (form-js again when a form is imported anew), so new ones are watched for until the returned stop is called:
 * only the nodes a change adds are searched, not the whole page again at each keystroke of a form.
 * Used by the modeler's editor page and by every form view (web-shared/src/form-js/form-view.tsx).
 */
const LOGO_LINKS = 'a.bjs-powered-by, a.fjs-powered-by-link';

export function logoOutOfTabOrder(root: HTMLElement): () => void {
  hideIn(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => node instanceof Element && hideIn(node));
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}

/** The logo links at or under `scope` out of the Tab order. */
function hideIn(scope: Element): void {
  const links = scope.matches(LOGO_LINKS) ? [scope] : Array.from(scope.querySelectorAll(LOGO_LINKS));
  for (const link of links) if (link.getAttribute('tabindex') !== '-1') link.setAttribute('tabindex', '-1');
}
