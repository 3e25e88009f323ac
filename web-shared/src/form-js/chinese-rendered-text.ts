/**
 * The rest of form-js's English (placeholders, buttons, aria labels, empty states) is written by its preact
 * components, which take no texts from outside. This behaviour watches the form's container and replaces those
 * texts as they are rendered. Preact only rewrites a text or attribute when its own virtual value changes, so a
 * replaced text stays replaced, and a changed one is seen again by the observer.
 */
import { translateFormJsText } from './form-js-translations.js';

const ATTRIBUTES = ['placeholder', 'aria-label', 'title', 'alt'] as const;

interface EventBus {
  on(event: string, callback: () => void): void;
}

export class ChineseRenderedText {
  static $inject = ['eventBus', 'config.renderer'];

  private readonly observer: MutationObserver;

  constructor(eventBus: EventBus, renderer: { container: HTMLElement }) {
    const container = renderer.container;
    this.observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'characterData') translateNode(mutation.target);
        else if (mutation.type === 'attributes') translateAttributes(mutation.target as Element);
        else mutation.addedNodes.forEach(translateTree);
      }
    });
    this.observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: [...ATTRIBUTES] });
    translateTree(container);
    eventBus.on('form.destroy', () => this.observer.disconnect());
  }
}

// helpers

function translateTree(node: Node): void {
  if (node.nodeType === Node.TEXT_NODE) return translateNode(node);
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const element = node as Element;
  translateAttributes(element);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current.nodeType === Node.TEXT_NODE) translateNode(current);
    else translateAttributes(current as Element);
  }
}

function translateNode(node: Node): void {
  const text = node.nodeValue;
  if (!text || !/[A-Za-z]/.test(text)) return;
  // form texts the author wrote (labels, markdown) are Chinese; only whole form-js strings are replaced
  const translated = translateFormJsText(text);
  if (translated !== text) node.nodeValue = translated;
}

function translateAttributes(element: Element): void {
  for (const name of ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (!value || !/[A-Za-z]/.test(value)) continue;
    const translated = translateFormJsText(value);
    if (translated !== value) element.setAttribute(name, translated);
  }
}
