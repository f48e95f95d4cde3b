import type { JobType } from './job-type.ts';

const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_-]*)+$/;

/** The job types a process knows: it creates their queues, runs their workers, checks their payloads. */
export class JobRegistry {
  readonly #types = new Map<string, JobType<any>>();

  add(...types: JobType<any>[]): this {
    for (const type of types) {
      if (!NAME.test(type.name)) throw new Error(`job type name "${type.name}" must look like area.verb`);
      if (this.#types.has(type.name)) throw new Error(`job type ${type.name} is registered twice`);
      this.#types.set(type.name, type);
    }
    return this;
  }

  get(name: string): JobType<any> | undefined {
    return this.#types.get(name);
  }

  list(): JobType<any>[] {
    return [...this.#types.values()];
  }
}
