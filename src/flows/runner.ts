import { and, createActor, not, or, type AnyStateNode, type AnyTransitionDefinition } from 'xstate';
import type { BuiltInFlowEvent, FlowContext, FlowInput } from './events.ts';
import type { FlowMachine } from './index.ts';

/**
 * A built-in flow running one call: its XState machine, executed by XState's own actor
 * (`xstateEngine`) or by the stepper (`stepperEngine`), which runs the same machine definition
 * from tables made once per machine. The call simulation drives either through this interface;
 * flowEngines.test.ts shows both give the same states and the same commands.
 */
export interface FlowRunner {
  /** Enters the initial state (running its entry actions). */
  start(): void;
  /** Takes one event. The caller sends nothing once the flow is no longer active. */
  send(event: BuiltInFlowEvent): void;
  /** Started, not stopped, and not yet in a final state. */
  readonly active: boolean;
  /** The current state's key (the built-in machines are flat). */
  readonly state: string;
  stop(): void;
}

/**
 * Makes the FlowRunner of one call. `onState` hears the state after the start and after every
 * event taken (the same state again when the event changed nothing), as an XState actor's
 * subscribers do.
 */
export type FlowEngine = (
  machine: FlowMachine,
  input: FlowInput,
  onState: ((state: string) => void) | null,
) => FlowRunner;

/** XState's actor: createActor, start, send. The reference the stepper is tested against. */
export const xstateEngine: FlowEngine = (machine, input, onState) =>
  new ActorRunner(machine, input, onState);

class ActorRunner implements FlowRunner {
  private readonly actor;

  constructor(machine: FlowMachine, input: FlowInput, onState: ((state: string) => void) | null) {
    this.actor = createActor(machine, { input });
    if (onState) this.actor.subscribe((snapshot) => onState(String(snapshot.value)));
  }

  start(): void {
    this.actor.start();
  }

  send(event: BuiltInFlowEvent): void {
    this.actor.send(event);
  }

  get active(): boolean {
    return this.actor.getSnapshot().status === 'active';
  }

  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  stop(): void {
    this.actor.stop();
  }
}

// --- the stepper ---------------------------------------------------------------------------------

/** What guards and actions are called with: the two fields of XState's arguments they read. */
interface ActionArgs {
  context: FlowContext;
  event: BuiltInFlowEvent;
}

type GuardTest = (args: ActionArgs) => boolean;
type Implementation = (args: ActionArgs, params: unknown) => unknown;

/** One action of a step: an implementation with its params, or an assign. */
interface StepAction {
  readonly run: Implementation | null;
  readonly params: unknown;
  /** An assign's updaters (a function of the context, or a value), by context field. */
  readonly assigns: readonly (readonly [key: string, update: unknown])[];
  /** An assign written as one function returning the fields it changes. */
  readonly assignAll: Implementation | null;
}

/** A transition as the stepper takes it: its guard, then every action in XState's order. */
interface StepTransition {
  readonly guard: GuardTest | null;
  /** Exit actions of the state left, the transition's own actions, entry actions of the state entered. */
  readonly actions: readonly StepAction[];
  /**
   * Index of the state entered, or -1 for a transition that stays (its actions only): a
   * targetless one, or a state's transition to itself without reenter.
   */
  readonly target: number;
}

/** A machine compiled for the stepper: per state, per event type, the candidate transitions. */
export interface CompiledFlow {
  readonly stateKeys: readonly string[];
  readonly isFinal: readonly boolean[];
  readonly initial: number;
  /** The initial transition's actions and the initial state's entry actions. */
  readonly initialActions: readonly StepAction[];
  /** [state][event type]: the state's own transitions first, then the root's, in order. */
  readonly transitions: readonly Readonly<Record<string, readonly StepTransition[]>>[];
  readonly makeContext: (input: FlowInput) => FlowContext;
}

type StateNode = AnyStateNode;
type Transition = AnyTransitionDefinition;

/** XState's guard combinators, recognised by the check function each shares. */
const checkOf = (guard: unknown) => (guard as { check?: unknown }).check;
const AND_CHECK = checkOf(and([]));
const OR_CHECK = checkOf(or([]));
const NOT_CHECK = checkOf(not('unused'));
const ASSIGN = 'xstate.assign';

function unsupported(machine: FlowMachine, what: string): Error {
  return new Error(`Flow '${machine.id}': the stepper does not run ${what}; use xstateEngine.`);
}

/** A named or inline guard, as XState's evaluateGuard resolves it. */
function compileGuard(machine: FlowMachine, guard: unknown): GuardTest {
  const named = machine.implementations.guards as Record<string, unknown>;
  if (typeof guard === 'string') return compileGuard(machine, namedGuard(machine, named, guard));
  if (typeof guard === 'object' && guard !== null) {
    const { type, params } = guard as { type: string; params?: unknown };
    if (typeof params === 'function') throw unsupported(machine, `dynamic params of '${type}'`);
    const test = namedGuard(machine, named, type);
    if (checkOf(test) !== undefined) return compileGuard(machine, test);
    const implementation = test as Implementation;
    return (args) => implementation(args, params) === true;
  }
  if (typeof guard !== 'function') throw unsupported(machine, `the guard ${String(guard)}`);
  const check = checkOf(guard);
  const parts = ((guard as { guards?: unknown[] }).guards ?? []).map((g) =>
    compileGuard(machine, g),
  );
  if (check === AND_CHECK) return (args) => parts.every((part) => part(args));
  if (check === OR_CHECK) return (args) => parts.some((part) => part(args));
  if (check === NOT_CHECK) return (args) => !parts[0]!(args);
  if (check !== undefined) throw unsupported(machine, 'a guard combinator other than and/or/not');
  const implementation = guard as Implementation;
  return (args) => implementation(args, undefined) === true;
}

function namedGuard(machine: FlowMachine, named: Record<string, unknown>, type: string): unknown {
  const implementation = named[type];
  if (typeof implementation !== 'function') throw unsupported(machine, `the guard '${type}'`);
  return implementation;
}

/** A named action (with params) or an inline one, as XState resolves it. */
function compileAction(machine: FlowMachine, action: unknown): StepAction {
  const named = machine.implementations.actions as Record<string, unknown>;
  let implementation: unknown = action;
  let params: unknown = undefined;
  if (typeof action === 'string' || (typeof action === 'object' && action !== null)) {
    const type = typeof action === 'string' ? action : (action as { type: string }).type;
    params = typeof action === 'string' ? undefined : (action as { params?: unknown }).params;
    if (typeof params === 'function') throw unsupported(machine, `dynamic params of '${type}'`);
    implementation = named[type];
    if (typeof implementation !== 'function') throw unsupported(machine, `the action '${type}'`);
  }
  if (typeof implementation !== 'function')
    throw unsupported(machine, `the action ${String(action)}`);
  const builtIn = implementation as { type?: string; resolve?: unknown; assignment?: unknown };
  if (builtIn.type === ASSIGN) {
    const { assignment } = builtIn;
    return typeof assignment === 'function'
      ? { run: null, params, assigns: [], assignAll: assignment as Implementation }
      : {
          run: null,
          params,
          assigns: Object.entries(assignment as Record<string, unknown>),
          assignAll: null,
        };
  }
  if (builtIn.resolve !== undefined) {
    throw unsupported(machine, `the built-in action '${builtIn.type ?? '?'}'`);
  }
  return { run: implementation as Implementation, params, assigns: [], assignAll: null };
}

function compileActions(machine: FlowMachine, actions: readonly unknown[]): StepAction[] {
  return actions.map((action) => compileAction(machine, action));
}

/** Refuses what a flat machine of plain states, transitions, guards and actions does not have. */
function checkFlat(machine: FlowMachine): void {
  const { root } = machine;
  if (root.type !== 'compound') throw unsupported(machine, `a root of type '${root.type}'`);
  if (root.entry.length > 0 || root.exit.length > 0) throw unsupported(machine, 'root actions');
  if (typeof machine.config.context !== 'function') {
    throw unsupported(machine, 'a context that is not made from the input');
  }
  for (const node of [root, ...Object.values(root.states)]) {
    if (node !== root && node.type !== 'atomic' && node.type !== 'final') {
      throw unsupported(machine, `the ${node.type} state '${node.key}'`);
    }
    if (node.always?.length || node.after.length || node.invoke.length) {
      throw unsupported(machine, `eventless, delayed or invoked work in '${node.key}'`);
    }
    for (const type of node.transitions.keys()) {
      if (type.includes('*') || type.startsWith('xstate.')) {
        throw unsupported(machine, `the event descriptor '${type}' in '${node.key}'`);
      }
    }
  }
}

/** One candidate transition taken from `from`: the state it enters and all its actions. */
function compileTransition(
  machine: FlowMachine,
  from: StateNode,
  transition: Transition,
  stateIndex: ReadonlyMap<StateNode, number>,
): StepTransition {
  const guard = transition.guard === undefined ? null : compileGuard(machine, transition.guard);
  const own = compileActions(machine, transition.actions);
  const targets = transition.target ?? [];
  if (targets.length === 0) return { guard, actions: own, target: -1 };
  const target = targets[0]!;
  const fromRoot = transition.source === machine.root;
  if (targets.length > 1 || target.parent !== machine.root) {
    throw unsupported(machine, `a transition to '${target.id}'`);
  }
  // A root transition without reenter exits the active child and enters its target, even when
  // they are the same state; one with reenter would re-enter the root itself.
  if (fromRoot && transition.reenter) {
    throw unsupported(machine, `a re-entering transition in '${from.key}'`);
  }
  // A state's transition to itself: without reenter XState runs only the transition's actions
  // (the state is neither left nor entered); with reenter, exit, actions and entry as for any.
  if (!fromRoot && target === from && !transition.reenter) {
    return { guard, actions: own, target: -1 };
  }
  return {
    guard,
    actions: [
      ...compileActions(machine, from.exit),
      ...own,
      ...compileActions(machine, target.entry),
    ],
    target: stateIndex.get(target)!,
  };
}

/** Compiles a flat XState machine into the stepper's tables. */
export function compileFlow(machine: FlowMachine): CompiledFlow {
  checkFlat(machine);
  const { root } = machine;
  const nodes = Object.values(root.states);
  const stateIndex = new Map<StateNode, number>(nodes.map((node, i) => [node, i]));
  const transitions = nodes.map((node) => {
    const byEvent: Record<string, StepTransition[]> = {};
    if (node.type === 'final') return byEvent;
    for (const source of [node, root]) {
      for (const [type, candidates] of source.transitions) {
        const compiled = candidates.map((t) => compileTransition(machine, node, t, stateIndex));
        byEvent[type] = [...(byEvent[type] ?? []), ...compiled];
      }
    }
    return byEvent;
  });
  const initialTarget: StateNode = root.initial.target[0]!;
  const makeContext = machine.config.context as unknown as (args: {
    input: FlowInput;
  }) => FlowContext;
  return {
    stateKeys: nodes.map((node) => node.key),
    isFinal: nodes.map((node) => node.type === 'final'),
    initial: stateIndex.get(initialTarget)!,
    initialActions: [
      ...compileActions(machine, root.initial.actions),
      ...compileActions(machine, initialTarget.entry),
    ],
    transitions,
    makeContext: (input) => makeContext({ input }),
  };
}

const compiledFlows = new WeakMap<FlowMachine, CompiledFlow>();

/** The stepper's tables for `machine`, compiled on first use. */
export function compiledFlow(machine: FlowMachine): CompiledFlow {
  let compiled = compiledFlows.get(machine);
  if (!compiled) {
    compiled = compileFlow(machine);
    compiledFlows.set(machine, compiled);
  }
  return compiled;
}

/**
 * The stepper: runs the machine's definition (its states, transitions, guards and actions,
 * the implementations given to `setup`) from `compiledFlow`'s tables, without an actor. A step
 * takes the first enabled candidate of the state, then of the root, and runs its actions in
 * XState's order; an assign updates the context in place.
 */
export const stepperEngine: FlowEngine = (machine, input, onState) =>
  new SteppedRunner(compiledFlow(machine), input, onState);

/** The event XState gives the initial entry actions. */
const INIT_EVENT = { type: 'xstate.init' } as unknown as BuiltInFlowEvent;

class SteppedRunner implements FlowRunner {
  private current = -1;
  private running = false;
  private readonly args: ActionArgs;

  constructor(
    private readonly flow: CompiledFlow,
    input: FlowInput,
    private readonly onState: ((state: string) => void) | null,
  ) {
    this.args = { context: flow.makeContext(input), event: INIT_EVENT };
  }

  start(): void {
    this.running = true;
    this.runActions(this.flow.initialActions);
    this.enter(this.flow.initial);
  }

  send(event: BuiltInFlowEvent): void {
    if (!this.active) return;
    const candidates = this.flow.transitions[this.current]![event.type];
    if (candidates !== undefined) {
      const args = this.args;
      args.event = event;
      for (let i = 0; i < candidates.length; i++) {
        const transition = candidates[i]!;
        if (transition.guard === null || transition.guard(args)) {
          this.runActions(transition.actions);
          if (transition.target >= 0) this.enter(transition.target);
          else this.onState?.(this.state);
          return;
        }
      }
    }
    this.onState?.(this.state);
  }

  get active(): boolean {
    return this.running && !this.flow.isFinal[this.current]!;
  }

  get state(): string {
    return this.flow.stateKeys[this.current]!;
  }

  stop(): void {
    this.running = false;
  }

  private enter(state: number): void {
    this.current = state;
    this.onState?.(this.flow.stateKeys[state]!);
  }

  private runActions(actions: readonly StepAction[]): void {
    const args = this.args;
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      if (action.run !== null) action.run(args, action.params);
      else if (action.assignAll !== null) {
        Object.assign(args.context, action.assignAll(args, action.params));
      } else assign(args, action.assigns, action.params);
    }
  }
}

/** An assign of one updater per field: every new value from the context before any is set. */
function assign(
  args: ActionArgs,
  assigns: readonly (readonly [key: string, update: unknown])[],
  params: unknown,
): void {
  const context = args.context as unknown as Record<string, unknown>;
  if (assigns.length === 1) {
    const [key, update] = assigns[0]!;
    context[key] = assignedValue(args, update, params);
    return;
  }
  const values = assigns.map(([, update]) => assignedValue(args, update, params));
  for (let i = 0; i < assigns.length; i++) context[assigns[i]![0]] = values[i];
}

function assignedValue(args: ActionArgs, update: unknown, params: unknown): unknown {
  return typeof update === 'function' ? (update as Implementation)(args, params) : update;
}
