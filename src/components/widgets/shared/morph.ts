/**
 * Applies new markup (a chart's SVG, a formula's MathML) to the element already on the page by
 * changing only what differs: the new markup is parsed once, then compared node by node with the
 * old (same position, same tag: keep the element, update its attributes and recurse; text: update
 * its data; anything else: replace). Replacing the whole subtree instead makes the browser style,
 * lay out and paint every node again; for MathML that costs 10–20 ms per change even when one
 * number changed, against well under 1 ms for the text node that did (issue 12).
 */

/**
 * Makes `target`'s children equal to the nodes `html` parses to (or to the one detached node
 * `html`, which may be moved into `target`), reusing every node that matches.
 */
export function morphInto(target: Element, html: string | Node): void {
  const doc = target.ownerDocument;
  if (typeof html !== 'string') {
    const holder = doc.createDocumentFragment();
    holder.appendChild(html);
    morphChildren(target, holder);
    return;
  }
  const template = doc.createElement('template');
  template.innerHTML = html;
  morphChildren(target, template.content);
}

/** Makes `target`'s child list equal to `source`'s (whose nodes may be moved into `target`). */
export function morphChildren(target: Node, source: Node): void {
  let current = target.firstChild;
  let next = source.firstChild;
  while (next) {
    const following = next.nextSibling;
    if (current === null) {
      target.appendChild(next);
    } else if (current.nodeType === next.nodeType && current.nodeName === next.nodeName) {
      morphNode(current, next);
      current = current.nextSibling;
    } else {
      const after = current.nextSibling;
      target.replaceChild(next, current);
      current = after;
    }
    next = following;
  }
  while (current) {
    const after = current.nextSibling;
    target.removeChild(current);
    current = after;
  }
}

/** Updates `node` to equal `like` (same type and name): text data, or attributes and children. */
function morphNode(node: Node, like: Node): void {
  if (node.nodeType !== 1) {
    if (node.nodeValue !== like.nodeValue) node.nodeValue = like.nodeValue;
    return;
  }
  // most of a drawing is unchanged: the browser's own deep comparison skips it fastest
  if (node.isEqualNode(like)) return;
  const element = node as Element;
  const model = like as Element;
  const old = element.attributes;
  for (let i = old.length - 1; i >= 0; i--) {
    const attr = old[i]!;
    if (!model.hasAttributeNS(attr.namespaceURI, attr.localName))
      element.removeAttributeNS(attr.namespaceURI, attr.localName);
  }
  const attrs = model.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const attr = attrs[i]!;
    if (element.getAttributeNS(attr.namespaceURI, attr.localName) !== attr.value)
      element.setAttributeNS(attr.namespaceURI, attr.name, attr.value);
  }
  morphChildren(element, model);
}
