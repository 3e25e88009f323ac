/**
 * `POST /v2/deployments`: multipart `resources` (.bpmn, .dmn, .form) and an optional `tenantId`. The answer has the
 * shape of the SDK's DeployResourceResponse without the lists the SDK adds on the client side.
 */
import type { CamundaRestApiTypes } from '@camunda8/sdk';
import { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { multipartBody } from './request-bodies.js';
import { tenantIdSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';

const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;

type DeploymentResult = Omit<CamundaRestApiTypes.DeployResourceResponse, 'processes' | 'decisions' | 'decisionRequirements' | 'forms'>;

export function deploymentsRouter(engine: Engine): Router {
  const router = Router();
  // file names are UTF-8 on the wire (form-data, browsers); multer would read them as latin1 and garble 中文 names
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_RESOURCE_BYTES, files: 200 }, defParamCharset: 'utf8' });
  router.post('/', multipartBody(upload.array('resources')), async (req, res) => {
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    const { tenantId } = z.object({ tenantId: tenantIdSchema }).parse(req.body ?? {});
    const result = await engine.deploy(
      files.map((f) => ({ name: f.originalname, content: f.buffer })),
      tenantId,
    );
    answerJson(res, {
      deploymentKey: String(result.deploymentKey),
      tenantId: result.tenantId,
      deployments: [
        ...result.processes.map((p) => ({
          processDefinition: {
            processDefinitionId: p.bpmnProcessId,
            processDefinitionVersion: p.version,
            resourceName: p.resourceName,
            tenantId: p.tenantId,
            processDefinitionKey: String(p.key),
          },
        })),
        ...result.decisions.map((d) => ({
          decisionDefinition: {
            decisionDefinitionId: d.decisionId,
            version: d.version,
            name: d.name,
            tenantId: d.tenantId,
            decisionRequirementsId: d.decisionRequirementsId,
            decisionDefinitionKey: String(d.key),
            decisionRequirementsKey: String(d.decisionRequirementsKey),
          },
        })),
        ...result.decisionRequirements.map((r) => ({
          decisionRequirements: {
            decisionRequirementsId: r.decisionRequirementsId,
            version: r.version,
            decisionRequirementsName: r.name,
            tenantId: r.tenantId,
            resourceName: r.resourceName,
            decisionRequirementsKey: String(r.key),
          },
        })),
        ...result.forms.map((f) => ({
          form: { formId: f.formId, version: f.version, resourceName: f.resourceName, tenantId: f.tenantId, formKey: String(f.key) },
        })),
      ],
    } satisfies DeploymentResult);
  });
  return router;
}
