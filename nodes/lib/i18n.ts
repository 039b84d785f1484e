import catalogue from '../../locales/en-US/common.json';

/**
 * Every runtime text (error messages, status texts) is a key of the shared
 * catalogue, `locales/<lang>/common.json`, which the build merges into each
 * node's own catalogue so that `RED._('common.…')` finds it in every node.
 */

/** A text that is translated when it is shown, not when it is made. */
export interface Message {
  key: string;
  params?: Params;
}

export type Params = { [name: string]: string | number | Message | undefined };

/** Catalogue paths, with i18next's plural suffixes folded into the key they belong to. */
type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K extends `${infer Base}_${'one' | 'other'}` ? Base : K}`
    : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type ErrorKey = Paths<typeof catalogue.common.errors>;
export type StatusKey = Paths<typeof catalogue.common.status>;

export type Translate = (key: string, params?: Params) => string;

const found = new Map<string, unknown>();

/** Statuses are looked up for every msg: each path is walked once. */
function lookup(path: string): unknown {
  if (found.has(path)) return found.get(path);
  let node: unknown = catalogue;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') {
      node = undefined;
      break;
    }
    node = (node as Record<string, unknown>)[part];
  }
  found.set(path, node);
  return node;
}

function render(text: string, params: Params, translate: Translate): string {
  return text.replace(/__([A-Za-z0-9]+)__/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? translate(value.key, value.params) : String(value);
  });
}

function resolve(params: Params | undefined, translate: Translate): Params | undefined {
  if (!params) return params;
  const flat: Params = {};
  for (const [name, value] of Object.entries(params)) flat[name] = typeof value === 'object' ? translate(value.key, value.params) : value;
  return flat;
}

/** The shipped English text, with i18next's `__name__` interpolation and `_one`/`_other` plurals. */
export const english: Translate = (key, params = {}) => {
  const count = params.count;
  const found = typeof count === 'number' ? lookup(`${key}_${count === 1 ? 'one' : 'other'}`) ?? lookup(key) : lookup(key);
  return typeof found === 'string' ? render(found, params, english) : key;
};

/**
 * Texts in the language Node-RED runs in. Node-RED answers a key it cannot
 * find with the key itself (and its unit-test helper always does): English
 * is used then, so no flow ever shows a bare key.
 */
export function translator(RED: { _(key: string, params?: Record<string, unknown>): string }): Translate {
  const translate: Translate = (key, params) => {
    const text = RED._(key, resolve(params, translate));
    return typeof text === 'string' && text !== key && text !== '' ? text : english(key, params);
  };
  return translate;
}
