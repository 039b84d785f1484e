/**
 * The shape of a node's definition: the one place that says what a node
 * shows and stores. The build turns each definition into the node's editor
 * file (registerType, edit form), fills the generated parts of its help, and
 * the tests and docs read their property tables from it. Definitions are data
 * only; what the dialogs do with them lives in editor/browser/.
 */

/**
 * Show a row only while another field holds one of these values (or is read
 * from msg, flow, ...). A condition on a field that is itself hidden does not
 * hold; of a list of conditions, any one that holds shows the row.
 */
export interface ShowWhen {
  field: string;
  values: readonly string[];
}

interface FieldBase {
  name: string;
  /** Font Awesome icon of the row's label, without the fa- prefix. */
  icon?: string;
  showWhen?: ShowWhen | readonly ShowWhen[];
  /** A hidden field keeps its value on save; others are cleared, because the runtime refuses fields a choice does not take. */
  keepWhenHidden?: boolean;
  /** The input has a placeholder `<ns>.placeholder.<name>`; with a field name, `<ns>.placeholder.<name>.<that field's value>`. */
  placeholder?: true | string;
  /** The version that added the field: flows saved before it lack it, and read as its default. */
  since?: string;
  /** The field is the same in every node that has it: its label is `common.editor.label.<name>`. */
  shared?: true;
}

/** Plain fields: stored as they are, never read from msg. */
export type PlainField = FieldBase &
  (
    | { kind: 'text'; default: string }
    | { kind: 'select'; options: readonly string[]; default: string; optionLabels?: string; allowedWhen?: Record<string, ShowWhen> }
    | { kind: 'checkbox'; default: boolean }
    | { kind: 'url'; protocols: readonly string[]; required: boolean; default: '' }
    | { kind: 'number'; min: number; max: number; default: number; unit: string; maxBy?: { field: string; values: Record<string, number> }; oneOfBy?: { field: string; values: Record<string, readonly number[]> } }
    /** Symbols separated by commas, completed from the environment's symbol list; a setting, not read per message. */
    | { kind: 'symbolList'; default: '' }
    /** Words separated by commas, each matching a pattern of the runtime's vocabulary. */
    | { kind: 'wordList'; word: 'eventName'; default: '' }
  );

/**
 * Value fields: a TypedInput (str or num, msg, flow, global, env, JSONata),
 * stored as `<name>` and `<name>Type`; left empty, the runtime reads
 * msg.<name>.
 */
export type ValueField = FieldBase & {
  /** The msg properties an empty field reads, when not the one of its own name (the amount: quantity, quoteQuantity or percent). */
  fallback?: readonly string[];
} & (
    | { kind: 'symbol' | 'symbols' | 'asset' | 'clientOrderId'; default: '' }
    | { kind: 'decimal'; default: ''; maxBy?: { field: string; values: Record<string, number> } }
    | { kind: 'integer'; min: number; max: number; maxBy?: { field: string; values: Record<string, number> }; default: '' | number }
    | { kind: 'choice'; options: readonly string[]; default: string; optionLabels?: string }
  );

export interface CredentialField {
  name: string;
  kind: 'password';
  icon?: string;
  placeholder?: true;
}

export interface Tip {
  tip: string;
  showWhen?: ShowWhen | readonly ShowWhen[];
  warning?: true;
}

/** A piece of editor behaviour from editor/browser/, placed among the rows. */
export interface Widget {
  widget: 'testConnection';
}

export type Field = PlainField | ValueField;
export type Row = Field | CredentialField | Tip | Widget;

/** The node's label: `<ns>.<key>` with each field's shown value as a parameter; `{field}` in the key is replaced by that field's value. */
export interface LabelSpec {
  key: string;
  params: readonly string[];
}

export interface NodeDefinition {
  type: string;
  /** File in icons/. */
  icon: string;
  /** Catalogue key of the palette label, below the file's namespace. */
  paletteLabel: string;
  /** `config` for a config node, else the palette category is Binance. */
  config?: true;
  /** public: works without an account (live market data); signed: needs one or a session; session: only msg.clientId. */
  access?: 'public' | 'signed' | 'session';
  /** The node cannot work without its own account (connect opens sessions of it). */
  accountRequired?: true;
  label?: LabelSpec;
  outputLabel?: string;
  rows: readonly Row[];
  /**
   * msg properties the node reads besides its fields (documented in the help's Inputs). `required`:
   * the node refuses a message without it; the help lists it as required (a plain <dt>). Every other
   * input, and every field's msg property (the field can hold the value instead), is optional.
   */
  msgInputs?: readonly { name: string; type: string; required?: true }[];
  /** The error codes the node can report, in the order the help lists them. */
  errors?: readonly string[];
}

/** One node file: nodes/<file>.ts at runtime, locales/<lang>/<file>.{json,html}, and these definitions. */
export interface NodeFile {
  file: string;
  nodes: readonly NodeDefinition[];
}
