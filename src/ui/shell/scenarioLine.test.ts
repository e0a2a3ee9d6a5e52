import { describe, expect, it } from 'vitest';
import { scenarioLine } from './scenarioLine.ts';

describe('scenarioLine', () => {
  it("names the Story scene's bundled scenario, whatever the workbench holds", () => {
    expect(
      scenarioLine({ workbenchName: null, modified: true, storySceneName: 'Owner answers' }),
    ).toEqual({ name: 'Owner answers', note: "(this scene's bundled scenario)" });
  });

  it('marks an edited scenario as modified', () => {
    expect(
      scenarioLine({ workbenchName: 'Night attack', modified: true, storySceneName: null }),
    ).toEqual({ name: 'Night attack', note: '(modified)' });
  });

  it('names a scenario as loaded without a note', () => {
    expect(
      scenarioLine({ workbenchName: 'Night attack', modified: false, storySceneName: null }),
    ).toEqual({ name: 'Night attack', note: '' });
  });

  it('says an invalid text has no scenario', () => {
    expect(scenarioLine({ workbenchName: null, modified: true, storySceneName: null })).toEqual({
      name: 'invalid (see Scenario)',
      note: '',
    });
  });
});
