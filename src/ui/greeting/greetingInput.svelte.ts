import { decodeGreetingAudio } from './decodeGreetingAudio.ts';
import type { ExampleGreeting } from './exampleGreetings.ts';

export interface LoadedGreeting {
  /** The file's name, or the example's label. */
  readonly name: string;
  readonly fromFile: boolean;
  /** 8 kHz mono, full scale ±1. */
  readonly samples: Float32Array;
}

/**
 * The greeting the view is showing, kept across view switches. A load that fails leaves the
 * greeting shown before it as it was, and says why next to the file input.
 */
class GreetingInput {
  loaded: LoadedGreeting | null = $state.raw(null);
  /** What is being decoded, while it is. */
  loading: string | null = $state(null);
  error: string | null = $state(null);
  /** What "Use as the voicemail greeting" last did. */
  status: string | null = $state(null);
  #latest = 0;

  async loadFile(file: File): Promise<void> {
    await this.#load(file.name, true, async () => decodeGreetingAudio(await file.arrayBuffer()));
  }

  async loadExample(example: ExampleGreeting): Promise<void> {
    await this.#load(example.label, false, () => example.load());
  }

  async #load(name: string, fromFile: boolean, decode: () => Promise<Float32Array>): Promise<void> {
    const request = ++this.#latest;
    this.loading = name;
    this.error = null;
    try {
      const samples = await decode();
      if (request !== this.#latest) return;
      this.loaded = { name, fromFile, samples };
      this.status = null;
    } catch (error) {
      if (request !== this.#latest) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.error = `“${name}” could not be loaded: ${reason}. Choose a WAV, MP3 or OGG recording.`;
    } finally {
      if (request === this.#latest) this.loading = null;
    }
  }
}

export const greetingInput = new GreetingInput();

/** A file's name in quotes; an example's label (which has its own quotes) as it is. */
export function greetingTitle(greeting: LoadedGreeting): string {
  return greeting.fromFile ? `“${greeting.name}”` : greeting.name;
}
