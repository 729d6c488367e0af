// Processes: list and read definitions with their BPMN versions, publish a new diagram version, start instances.
import { Router } from 'express';
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { processDefinitions, processVersions } from '../../db/schema';
import { contractOf } from '../../domain/processes';
import { DiagramError, readDiagram } from '../../domain/bpmn/diagram';
import { actorOf, requireRole } from '../auth/middleware';
import { badRequest, notFound, parseOr400 } from '../errors';
import type { AppContext } from '../context';
import { startInstance } from './start-instance';
import { startFormOf } from './start-form';
import { idempotencyKeySchema } from '../idempotency';
import { replayInstances, staticConformance, summarise } from '../conformance/conformance';

export const diagramBodySchema = z.object({ bpmnXml: z.string().min(1).max(5_000_000) }).strict();

export function processesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const rows = await ctx.db.select().from(processDefinitions).orderBy(asc(processDefinitions.key));
    res.json(rows.map((p) => ({ key: p.key, name: p.name, version: p.currentVersion, description: p.description })));
  });

  router.get('/:key', async (req, res) => {
    const [definition] = await ctx.db.select().from(processDefinitions).where(eq(processDefinitions.key, req.params.key));
    if (!definition) throw notFound(`no process ${req.params.key}`);
    const versions = await ctx.db.select().from(processVersions)
      .where(eq(processVersions.processKey, definition.key)).orderBy(desc(processVersions.version));
    const current = versions.find((v) => v.version === definition.currentVersion)!;
    res.json({
      key: definition.key, name: definition.name, description: definition.description, version: current.version,
      bpmnXml: current.bpmnXml, parameters: current.parameters,
      versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdBy })),
    });
  });

  router.get('/:key/versions/:version', async (req, res) => {
    const version = parseOr400(z.coerce.number().int().positive(), req.params.version, ['version']);
    const [row] = await ctx.db.select().from(processVersions)
      .where(and(eq(processVersions.processKey, req.params.key), eq(processVersions.version, version)));
    if (!row) throw notFound(`no version ${version} of ${req.params.key}`);
    res.json({ key: row.processKey, version: row.version, bpmnXml: row.bpmnXml, parameters: row.parameters, createdAt: row.createdAt, createdBy: row.createdBy });
  });

  router.put('/:key/diagram', async (req, res) => {
    const actor = requireRole(res, ['process_designer'], 'publishing a diagram');
    const contract = contractOf(req.params.key);
    if (!contract) throw notFound(`no process ${req.params.key}`);
    const { bpmnXml } = parseOr400(diagramBodySchema, req.body);
    let diagram;
    try {
      diagram = await readDiagram(bpmnXml);
    } catch (error) {
      if (error instanceof DiagramError) throw badRequest(error.message, error.problems.map((p) => ({ path: 'bpmnXml', message: p })));
      throw error;
    }
    const needed = [...Object.keys(contract.steps), ...contract.otherElements];
    const missing = needed.filter((id) => !diagram.flowNodeIds.includes(id));
    if (missing.length > 0) {
      throw badRequest('the diagram drops steps the process code needs', missing.map((id) => ({ path: 'bpmnXml', message: `missing flow node ${id}` })));
    }
    // A role on the diagram that differs from the one the workflow enforces would be silently ignored: refuse it.
    const roleConflicts = Object.entries(diagram.parameters).flatMap(([id, p]) => {
      const step = Object.hasOwn(contract.steps, id) ? contract.steps[id] : undefined;
      return p.role && step && p.role !== step.role
        ? [{ path: 'bpmnXml', message: `${id}: shanzhi:role="${p.role}" differs from the role the process enforces (${step.role})` }] : [];
    });
    if (roleConflicts.length > 0) throw badRequest('the diagram names roles the process does not use', roleConflicts);
    const version = await ctx.db.transaction(async (tx) => {
      const [definition] = await tx.select().from(processDefinitions).where(eq(processDefinitions.key, contract.key)).for('update');
      const next = definition.currentVersion + 1;
      await tx.insert(processVersions).values({
        processKey: contract.key, version: next, bpmnXml, parameters: diagram.parameters, createdAt: new Date(), createdBy: actor.id,
      });
      await tx.update(processDefinitions).set({ currentVersion: next }).where(eq(processDefinitions.key, contract.key));
      return next;
    });
    res.json({ version });
  });

  router.get('/:key/conformance', async (req, res) => {
    requireRole(res, ['auditor', 'process_designer', 'admin', 'district_leader'], 'reading conformance');
    const contract = contractOf(req.params.key);
    if (!contract) throw notFound(`no process ${req.params.key}`);
    const { limit } = parseOr400(z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) }), req.query);
    res.json({ static: await staticConformance(ctx.db, contract), ...summarise(await replayInstances(ctx.db, contract, undefined, limit)) });
  });

  router.get('/:key/start-form', async (req, res) => {
    res.json(await startFormOf(ctx, actorOf(res), req.params.key));
  });

  router.post('/:key/instances', async (req, res) => {
    const idempotencyKey = parseOr400(idempotencyKeySchema, req.get('idempotency-key'), ['Idempotency-Key']);
    res.status(201).json(await startInstance(ctx, actorOf(res), req.params.key, req.body, idempotencyKey));
  });

  return router;
}
