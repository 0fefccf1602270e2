// A minimal stand-in for the browser document, enough for dom.js: it records
// attributes, children, text and listeners, and throws if anything touches
// innerHTML/outerHTML/insertAdjacentHTML (dom.js must never use them).

class FakeNode {
  constructor(nodeType) {
    this.nodeType = nodeType;
    this.childNodes = [];
    this.parentNode = null;
  }
  get firstChild() { return this.childNodes[0] || null; }
  appendChild(c) {
    if (c.parentNode) c.parentNode.removeChild(c);
    this.childNodes.push(c);
    c.parentNode = this;
    return c;
  }
  removeChild(c) {
    const i = this.childNodes.indexOf(c);
    if (i < 0) throw new Error('not a child');
    this.childNodes.splice(i, 1);
    c.parentNode = null;
    return c;
  }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(''); }
  set textContent(s) {
    this.childNodes = [];
    if (s !== '') this.appendChild(new FakeText(String(s)));
  }
}

class FakeText extends FakeNode {
  constructor(s) { super(3); this.data = s; }
  get textContent() { return this.data; }
  set textContent(s) { this.data = String(s); }
}

function forbidden(name) {
  return {
    get() { throw new Error(`${name} must not be used`); },
    set() { throw new Error(`${name} must not be used`); },
  };
}

class FakeElement extends FakeNode {
  constructor(tag) {
    super(1);
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.listeners = {};
    this.style = {};
    this.value = '';
  }
  setAttribute(k, v) {
    if (/^on/i.test(k)) throw new Error(`inline handler attribute ${k}`);
    if (k === 'style') throw new Error('style attribute (CSP)');
    this.attributes.set(k, String(v));
  }
  getAttribute(k) { return this.attributes.has(k) ? this.attributes.get(k) : null; }
  hasAttribute(k) { return this.attributes.has(k); }
  removeAttribute(k) { this.attributes.delete(k); }
  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  removeEventListener(type, fn) {
    this.listeners[type] = (this.listeners[type] || []).filter((f) => f !== fn);
  }
  dispatch(type, ev = {}) { for (const fn of this.listeners[type] || []) fn({ type, target: this, ...ev }); }
}
for (const name of ['innerHTML', 'outerHTML']) Object.defineProperty(FakeElement.prototype, name, forbidden(name));
FakeElement.prototype.insertAdjacentHTML = () => { throw new Error('insertAdjacentHTML must not be used'); };

export function installFakeDocument() {
  globalThis.document = {
    createElement: (tag) => new FakeElement(tag),
    createTextNode: (s) => new FakeText(s),
  };
  return globalThis.document;
}
