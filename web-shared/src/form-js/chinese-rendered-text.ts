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

  constructor(eventBus: EventBus, renderer: { container: HTMLElement }) {
    const stop = watchRenderedText(renderer.container, translateFormJsText);
    eventBus.on('form.destroy', stop);
  }
}

/**
 * Replaces whole texts and attributes under `container` through `translate` as they are rendered, now and later;
 * text being typed (contenteditable editors) is left alone. Returns the function that stops watching. The web
 * modeler's form editor uses it too (form-js-editor has no translation service either), and its BPMN editor for
 * the few properties-panel titles rendered without `translate` (chinese-hard-coded-texts.ts).
 */
export function watchRenderedText(container: HTMLElement, translate: (text: string) => string): () => void {
  const translateNode = (node: Node) => {
    const text = node.nodeValue;
    if (!text || !/[A-Za-z]/.test(text) || node.parentElement?.closest('[contenteditable="true"]')) return;
    // texts the form authors wrote (labels, markdown) are Chinese; only whole library strings are replaced
    const translated = translate(text);
    if (translated !== text) node.nodeValue = translated;
  };
  const translateAttributes = (element: Element) => {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (!value || !/[A-Za-z]/.test(value)) continue;
      const translated = translate(value);
      if (translated !== value) element.setAttribute(name, translated);
    }
  };
  const translateTree = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return translateNode(node);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    translateAttributes(node as Element);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let current = walker.nextNode(); current; current = walker.nextNode()) {
      if (current.nodeType === Node.TEXT_NODE) translateNode(current);
      else translateAttributes(current as Element);
    }
  };
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') translateNode(mutation.target);
      else if (mutation.type === 'attributes') translateAttributes(mutation.target as Element);
      else mutation.addedNodes.forEach(translateTree);
    }
  });
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: [...ATTRIBUTES] });
  translateTree(container);
  return () => observer.disconnect();
}
