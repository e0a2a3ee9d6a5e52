import { http, HttpResponse, type HttpHandler } from 'msw';
import type { VerifyService } from '../../../api/index.ts';

/** One call the person at a number picked up, and each readout of the code they heard in full. */
export interface HandsetCall {
  readonly callSid: string;
  readonly from: string;
  readonly heard: readonly string[];
}

/** Spoken once per readout: the wording of the voicemail transcripts (Somleng's). */
function readoutWords(code: string): string {
  return `Your verification code is: ${code.split('').join(' ')}.`;
}

/**
 * The handset is a phone's own channel, like its voicemail box and its SMS inbox: the one
 * place besides those where the owner learns the code. The simulator's network keeps no record
 * of what a person heard, so the demo listens to each call it places and serves the record at
 * `GET {baseUrl}/sim/v1/Phones/{number}/Handset`, next to the control plane's own routes.
 */
export function tapHandsets(service: VerifyService, baseUrl: string): HttpHandler[] {
  const { network } = service;
  const handsets = new Map<string, HandsetCall[]>();

  const placeCall = network.placeVerificationCall.bind(network);
  network.placeVerificationCall = (call) => {
    const entry = placeCall(call);
    if (entry.answeredBy === 'person') {
      const heard = entry.readouts
        .filter((r) => r.heardByPerson)
        .map(() => readoutWords(call.code));
      const calls = handsets.get(call.to) ?? [];
      calls.push({ callSid: entry.callSid, from: entry.from, heard });
      handsets.set(call.to, calls);
    }
    return entry;
  };
  const resetNetwork = network.reset.bind(network);
  network.reset = () => {
    resetNetwork();
    handsets.clear();
  };

  return [
    http.get(`${baseUrl}/sim/v1/Phones/:number/Handset`, ({ params }) => {
      const number = decodeURIComponent(String(params.number));
      return HttpResponse.json({ calls: handsets.get(number) ?? [] });
    }),
  ];
}
