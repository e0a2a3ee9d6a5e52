// comlink ships its Node adapter's types at dist/esm/node-adapter.d.ts but no export map entry.
// Its listeners take `any`, as comlink's own declaration does: Worker and MessagePort pass on()
// overloads that `unknown` would not accept.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export interface NodeEndpoint {
    postMessage(message: any, transfer?: any[]): void;
    on(type: string, listener: (...args: any[]) => void): void;
    off(type: string, listener: (...args: any[]) => void): void;
    start?: () => void;
  }
  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
