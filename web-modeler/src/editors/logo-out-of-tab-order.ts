/**
 * Takes the bpmn.io logo links (bpmn-js and dmn-js `a.bjs-powered-by`, form-js `a.fjs-powered-by-link`) out of
 * the Tab order: the analyst tabbing through a form's fields or the toolbar otherwise lands on a link to bpmn.io
 * between them. The logo stays visible and clickable, as its licence asks. The editors draw their logos when
 * they open (form-js again on every re-render), so new ones are watched for until the returned stop is called.
 */
const LOGO_LINKS = 'a.bjs-powered-by, a.fjs-powered-by-link';

export function logoOutOfTabOrder(root: HTMLElement): () => void {
  const update = () => root.querySelectorAll<HTMLElement>(LOGO_LINKS).forEach((link) => link.getAttribute('tabindex') !== '-1' && link.setAttribute('tabindex', '-1'));
  update();
  const observer = new MutationObserver(update);
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
