/** Saves text as a file through a temporary object URL: no server, no network request. */
export function downloadText(text: string, fileName: string, mediaType: string): void {
  downloadBlob(new Blob([text], { type: `${mediaType};charset=utf-8` }), fileName);
}

/** Saves bytes (e.g. a WAV file) the same way. */
export function downloadBytes(bytes: Uint8Array, fileName: string, mediaType: string): void {
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }), fileName);
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; give the browser a moment before freeing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
