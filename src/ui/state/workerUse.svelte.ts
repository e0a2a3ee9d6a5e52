/**
 * Who has the simulation workers besides Compare. Compare and the Red team each start their own
 * pool of Web Workers, one per core; two at once would halve each other's speed and Compare's
 * time estimate would be wrong. So a Red team search holds `redTeam` from the moment it is asked
 * for until it ends: Compare starts no run (nor preview) meanwhile, and a search waits for a
 * Compare preview under way and is refused while a Compare run is going on.
 */
class WorkerUse {
  /** A Red team search is waiting for the workers or running. */
  redTeam = $state(false);
}

export const workerUse = new WorkerUse();
