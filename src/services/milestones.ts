import { deleteMilestone, getMilestone, getMilestoneByName, insertMilestone, listMilestones, updateMilestone, type Milestone, type MilestoneFields } from '../models/milestones.js';
import type { ServiceContext } from './context.js';
import { forbidden, invalid, notFound } from './errors.js';
import type { IssueService } from './issues.js';
import type { RepoContext } from './repositories.js';

export type { Milestone };

export interface MilestoneInput {
  title?: string;
  description?: string;
  state?: string;
  /** Unix seconds; 0 for none. */
  deadlineUnix?: number;
}

/** Milestones of a repository: issue readers see them, issue writers change them. */
export class MilestoneService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly issues: IssueService,
  ) {}

  list(rc: RepoContext, o: { state: 'open' | 'closed' | 'all'; name?: string; offset: number; limit: number }): Promise<{ milestones: Milestone[]; total: number }> {
    this.issues.assertReadable(rc);
    return listMilestones(this.ctx.q, rc.repo.id, o);
  }

  /** By id, or by name when the reference is not a number (as Gitea's `{id}` accepts both). */
  async get(rc: RepoContext, ref: string): Promise<Milestone> {
    this.issues.assertReadable(rc);
    const milestone = /^\d+$/.test(ref) ? ((await getMilestone(this.ctx.q, rc.repo.id, Number(ref))) ?? (await getMilestoneByName(this.ctx.q, rc.repo.id, ref))) : await getMilestoneByName(this.ctx.q, rc.repo.id, ref);
    if (!milestone) throw notFound(`milestone does not exist [ref: ${ref}]`);
    return milestone;
  }

  async create(rc: RepoContext, input: MilestoneInput): Promise<Milestone> {
    this.assertWriter(rc);
    return insertMilestone(this.ctx.q, rc.repo.id, this.fields(input, null));
  }

  async edit(rc: RepoContext, ref: string, input: MilestoneInput): Promise<Milestone> {
    this.assertWriter(rc);
    const milestone = await this.get(rc, ref);
    await updateMilestone(this.ctx.q, milestone, this.fields(input, milestone));
    return (await getMilestone(this.ctx.q, rc.repo.id, milestone.id))!;
  }

  async remove(rc: RepoContext, ref: string): Promise<void> {
    this.assertWriter(rc);
    const milestone = await this.get(rc, ref);
    await this.ctx.db.kysely.transaction().execute((trx) => deleteMilestone(trx, milestone.id));
  }

  private assertWriter(rc: RepoContext): void {
    this.issues.assertReadable(rc);
    if (!this.issues.canWrite(rc)) throw forbidden('only issue writers may change milestones');
  }

  private fields(input: MilestoneInput, existing: Milestone | null): MilestoneFields {
    const name = (input.title ?? existing?.name ?? '').trim();
    if (!name) throw invalid('[Title]: a milestone needs a title');
    if (name.length > 255) throw invalid('[Title]: at most 255 characters');
    if (input.state !== undefined && input.state !== 'open' && input.state !== 'closed') throw invalid(`[State]: open or closed, not ${input.state}`);
    return {
      name,
      content: input.description ?? existing?.content ?? '',
      isClosed: input.state !== undefined ? input.state === 'closed' : (existing?.isClosed ?? false),
      deadlineUnix: input.deadlineUnix ?? existing?.deadlineUnix ?? 0,
    };
  }
}
