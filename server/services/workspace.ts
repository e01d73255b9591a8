// Workspace-level operations: bootstrap, agent status, tags, settings.
import type {
  Agent,
  BootstrapResponse,
  CreateTagBody,
  Tag,
  UpdateSettingsBody,
  UpdateTagBody,
  WorkspaceSettings,
} from '../../src/contract/index.js';
import { isUniqueViolation } from '../db/adapter.js';
import { toAgent, toTag } from '../db/rows.js';
import { newId, updateById } from '../db/sql.js';
import * as ws from '../db/workspace.js';
import type { Viewer } from './access.js';
import { nowIso, type Services } from './context.js';
import { conflict, forbidden, notFound } from './errors.js';
import { write } from './events.js';

export async function bootstrap(services: Services, me: Agent): Promise<BootstrapResponse> {
  const q = services.db;
  return {
    me,
    agents: await ws.listAgents(q),
    groups: await ws.listGroups(q),
    tags: await ws.listTags(q),
    templates: await ws.listTemplates(q),
    quickReplies: await ws.listQuickReplies(q),
    attributeDefinitions: await ws.listAttributeDefinitions(q),
    settings: await ws.readSettings(q),
    lastEventId: await ws.lastEventId(q),
  };
}

export async function setStatus(services: Services, me: Agent, status: 'online' | 'away'): Promise<Agent> {
  return write(services, async (q, events) => {
    const agent = toAgent((await updateById(q, 'agents', me.id, { status, chosen_status: status, last_seen_at: nowIso(services) }))!);
    events.broadcast({ type: 'agent.updated', agent });
    return agent;
  });
}

function requireAdmin(viewer: Viewer): void {
  if (viewer.role !== 'admin') throw forbidden('only admins can do this');
}

async function tagWrite(services: Services, fn: Parameters<typeof write<Tag>>[1]): Promise<Tag> {
  try {
    return await write(services, fn);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('a tag with this name exists');
    throw error;
  }
}

export async function createTag(services: Services, viewer: Viewer, body: CreateTagBody): Promise<Tag> {
  requireAdmin(viewer);
  return tagWrite(services, async (q, events) => {
    const row = (
      await q.query('INSERT INTO tags (id, name, color, created_at) VALUES ($1, $2, $3, $4) RETURNING *', [newId('tag'), body.name, body.color, nowIso(services)])
    )[0]!;
    const tag = toTag(row);
    events.broadcast({ type: 'tag.updated', tag });
    return tag;
  });
}

export async function updateTag(services: Services, viewer: Viewer, id: string, body: UpdateTagBody): Promise<Tag> {
  requireAdmin(viewer);
  return tagWrite(services, async (q, events) => {
    if (!(await ws.tagRow(q, id))) throw notFound('tag');
    const changes: Record<string, unknown> = {};
    if (body.name !== undefined) changes.name = body.name;
    if (body.color !== undefined) changes.color = body.color;
    const tag = toTag((await updateById(q, 'tags', id, changes, false))!);
    events.broadcast({ type: 'tag.updated', tag });
    return tag;
  });
}

export async function updateSettings(services: Services, viewer: Viewer, body: UpdateSettingsBody): Promise<WorkspaceSettings> {
  requireAdmin(viewer);
  return write(services, async (q, events) => {
    const current = await ws.readSettings(q);
    const { maxUploadBytes, ...rest } = body;
    const settings: WorkspaceSettings = { ...current, ...rest, maxUploadBytes: { ...current.maxUploadBytes, ...maxUploadBytes } };
    await ws.writeSettings(q, settings);
    events.broadcast({ type: 'settings.updated', settings });
    return settings;
  });
}
