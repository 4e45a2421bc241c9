import { deleteLabel, getLabel, insertLabel, listLabels, updateLabel, type Label, type LabelFields, type LabelOwner } from '../models/labels.js';
import type { ServiceContext } from './context.js';
import { invalid, notFound } from './errors.js';

export type { Label, LabelOwner };

export interface LabelInput {
  name?: string;
  color?: string;
  description?: string;
  exclusive?: boolean;
  isArchived?: boolean;
}

const COLOR = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;

/** "#rrggbb" from "rrggbb", "#RGB" and the like; invalid colours are refused (422). */
export function normalizeColor(color: string): string {
  const match = COLOR.exec(color.trim());
  if (!match) throw invalid(`[Color]: not a colour: ${color} (expected #rrggbb)`);
  const hex = match[1]!.toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

/** Labels of repositories and organizations; who may change them is checked by the caller. */
export class LabelService {
  constructor(private readonly ctx: ServiceContext) {}

  list(owner: LabelOwner, offset: number, limit: number): Promise<{ labels: Label[]; total: number }> {
    return listLabels(this.ctx.q, owner, offset, limit);
  }

  async get(owner: LabelOwner, id: number): Promise<Label> {
    const label = await getLabel(this.ctx.q, owner, id);
    if (!label) throw notFound(`label does not exist [id: ${id}]`);
    return label;
  }

  create(owner: LabelOwner, input: LabelInput): Promise<Label> {
    return insertLabel(this.ctx.q, owner, this.fields(input, null));
  }

  async edit(owner: LabelOwner, id: number, input: LabelInput): Promise<Label> {
    const label = await this.get(owner, id);
    await updateLabel(this.ctx.q, label, this.fields(input, label));
    return this.get(owner, id);
  }

  async remove(owner: LabelOwner, id: number): Promise<void> {
    await this.get(owner, id);
    await deleteLabel(this.ctx.q, id);
  }

  private fields(input: LabelInput, existing: Label | null): LabelFields {
    const name = (input.name ?? existing?.name ?? '').trim();
    if (!name) throw invalid('[Name]: a label needs a name');
    if (name.length > 255) throw invalid('[Name]: at most 255 characters');
    const color = input.color !== undefined ? normalizeColor(input.color) : existing?.color;
    if (!color) throw invalid('[Color]: a label needs a colour');
    return {
      name,
      color,
      description: input.description ?? existing?.description ?? '',
      exclusive: input.exclusive ?? existing?.exclusive ?? false,
      archived: input.isArchived ?? existing?.archived ?? false,
    };
  }
}
