import { bodyTooLarge, invalidParameter } from './verifyError.ts';

/**
 * Larger bodies are refused before they are parsed, or even read in full: no Verify or control
 * plane request comes close (a phone setup with a long greeting is about 1 KiB).
 */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * The request body as text, read up to MAX_BODY_BYTES (see readBodyBytes); a body that is not
 * UTF-8 is refused.
 */
export async function readBodyText(request: Request): Promise<string> {
  const bytes = await readBodyBytes(request);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidParameter('body', 'send UTF-8 text');
  }
}

/**
 * The request body's bytes, read up to MAX_BODY_BYTES. A declared Content-Length over the limit
 * is refused without reading; an undeclared one (chunked) stops being read at the limit.
 */
export async function readBodyBytes(request: Request): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      // Not awaited: under msw/node the cancel of an intercepted body never settles.
      reader.cancel().catch(() => undefined);
      throw bodyTooLarge(MAX_BODY_BYTES);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The media type of the request, lower case, without parameters such as charset. */
export function mediaType(request: Request): string {
  const header = request.headers.get('content-type') ?? '';
  return header.split(';')[0]!.trim().toLowerCase();
}
