/** What the header says of the scenario on screen. */
export interface ScenarioLine {
  /** The scenario's name, or why there is none. */
  readonly name: string;
  /** After the name: "(modified)" or where Story's scenario comes from; '' for none. */
  readonly note: string;
}

/** The facts the header's scenario line is made from. */
export interface ScenarioLineInput {
  /** The workbench's valid scenario's name, or null while its text is invalid. */
  readonly workbenchName: string | null;
  /** Whether the workbench's text was edited since it was loaded. */
  readonly modified: boolean;
  /** In Story mode, the name of the bundled scenario the scene on screen plays; else null. */
  readonly storySceneName: string | null;
}

/**
 * The header's scenario line. Story mode plays each scene's bundled scenario whatever the
 * workbench holds, so it names the scene's; elsewhere the workbench's, marked "(modified)" once
 * edited (in the Scenario view or by the Greeting view's "Use as the voicemail greeting").
 */
export function scenarioLine(input: ScenarioLineInput): ScenarioLine {
  if (input.storySceneName !== null) {
    return { name: input.storySceneName, note: "(this scene's bundled scenario)" };
  }
  if (input.workbenchName === null) return { name: 'invalid (see Scenario)', note: '' };
  return { name: input.workbenchName, note: input.modified ? '(modified)' : '' };
}
