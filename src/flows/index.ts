import type { BuiltInStrategyId } from '../scenario/index.ts';
import { amdFlow } from './amd.ts';
import { naiveFlow } from './naive.ts';
import { randomDigitFlow } from './randomDigit.ts';
import { staticPromptFlow } from './staticPrompt.ts';

export { naiveFlow, staticPromptFlow, randomDigitFlow, amdFlow };
export {
  stepperEngine,
  xstateEngine,
  compileFlow,
  type FlowEngine,
  type FlowRunner,
  type CompiledFlow,
} from './runner.ts';
export {
  TwimlInterpreter,
  INLINE_SCHEME,
  resolveDocumentUrl,
  APPLICATION_ERROR_TEXT,
  MAX_DOCUMENTS_WITHOUT_SOUND,
  type TwimlFlowProgram,
  type TwimlCallInput,
} from './twiml/interpreter.ts';
export type {
  CallEvent,
  BuiltInFlowEvent,
  CallPort,
  FlowSettings,
  FlowInput,
  FlowContext,
  HangupReason,
  Playback,
  PromptReason,
  SayPlayback,
  TonesPlayback,
  QuietPlayback,
  TwimlResult,
} from './events.ts';

/** The call flow machine of each strategy. */
export const FLOWS = {
  naive: naiveFlow,
  'static-prompt': staticPromptFlow,
  amd: amdFlow,
  'random-digit': randomDigitFlow,
} as const satisfies Record<BuiltInStrategyId, unknown>;

export type FlowMachine = (typeof FLOWS)[BuiltInStrategyId];
