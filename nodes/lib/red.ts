/** The small part of Node-RED's runtime API these nodes use. */
export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export type NodeMessage = Record<string, unknown> & { payload?: unknown; _msgid?: string };

/** What done() accepts: Node-RED only reads toString(), code, cause and stack from it. */
export interface FlowError {
  message: string;
  code?: string;
  cause?: object;
  toString(): string;
}

export interface RedNode {
  id: string;
  type: string;
  name?: string;
  credentials?: Record<string, string | undefined>;
  on(event: 'input', cb: (msg: NodeMessage, send: (msg: NodeMessage) => void, done: (err?: FlowError) => void) => void): void;
  on(event: 'close', cb: (removed: boolean, done: () => void) => void): void;
  status(status: NodeStatus | Record<string, never>): void;
  /** For output not caused by an input msg (stream events). */
  send(msg: NodeMessage): void;
  log(msg: string): void;
  warn(msg: string): void;
  /** With a msg, the error reaches Catch nodes (with its code and cause when it is a FlowError). */
  error(err: string | Error | FlowError, msg?: NodeMessage): void;
}

export interface NodeConfig {
  id: string;
  type: string;
  name?: string;
  account?: string;
  [key: string]: unknown;
}

export interface CredentialDefinition {
  [name: string]: { type: 'text' | 'password' };
}

export interface AdminRequest {
  body?: unknown;
  query: Record<string, unknown>;
}

export interface AdminResponse {
  status(code: number): AdminResponse;
  json(body: unknown): void;
}

export type AdminHandler = (req: AdminRequest, res: AdminResponse, next: (err?: unknown) => void) => void;

export interface RedAPI {
  nodes: {
    createNode(node: object, config: NodeConfig): void;
    registerType(type: string, ctor: Function, opts?: { credentials?: CredentialDefinition }): void;
    getNode(id: string): unknown;
    getCredentials(id: string): Record<string, string | undefined> | undefined;
  };
  httpAdmin: {
    get(path: string, ...handlers: AdminHandler[]): void;
    post(path: string, ...handlers: AdminHandler[]): void;
  };
  auth: { needsPermission(permission: string): AdminHandler };
  log: { info(msg: string): void; warn(msg: string): void };
  util: {
    evaluateNodeProperty(value: string, type: string, node: RedNode, msg: NodeMessage, callback: (err: Error | null, value: unknown) => void): void;
  };
  settings?: { userDir?: string };
  _(key: string, subs?: Record<string, unknown>): string;
}
