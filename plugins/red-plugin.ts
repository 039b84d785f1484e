/** The small part of Node-RED's plugin API the simulator sidebar uses. */

export interface AdminRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body?: unknown;
}

export interface AdminResponse {
  status(code: number): AdminResponse;
  json(body: unknown): void;
}

export type AdminHandler = (req: AdminRequest, res: AdminResponse, next: (err?: unknown) => void) => void;

export interface PluginAPI {
  httpAdmin: {
    get(path: string, ...handlers: AdminHandler[]): void;
    post(path: string, ...handlers: AdminHandler[]): void;
  };
  auth: { needsPermission(permission: string): AdminHandler };
  comms: { publish(topic: string, data: unknown, retain: boolean): void };
  plugins: { registerPlugin(id: string, definition: { type?: string; onremove?: () => void }): void };
  log: { warn(msg: string): void };
  /** Texts of the plugin's own catalogue, locales/<lang>/simulator-sidebar.json. */
  _(key: string, subs?: Record<string, unknown>): string;
}
