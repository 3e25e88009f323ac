/**
 * XML entity expansion and external entities: a model with a DOCTYPE is refused before it is parsed (billion
 * laughs, a local file read into a name); the refusal names the reason.
 */
import { describe, expect, it } from 'vitest';
import { ModelRejection } from '../../../engine/model/errors.js';
import { transformBpmn } from '../../../engine/model/transform-bpmn.js';
import { bpmnProcess } from '../../support/bpmn.js';

const withDoctype = (doctype: string, name: string) =>
  bpmnProcess('entities', `<bpmn:startEvent id="start" name="${name}"/>`).replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?>${doctype}`);

describe('entity declarations in BPMN', () => {
  it('should refuse the billion laughs', async () => {
    // given
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const xml = withDoctype(`<!DOCTYPE bomb [<!ENTITY l0 "lol">${levels}]>`, '&l9;');

    // when
    const refused = transformBpmn(xml);

    // then
    await expect(refused).rejects.toBeInstanceOf(ModelRejection);
    await expect(refused).rejects.toThrow(/DOCTYPE/);
  });

  it('should refuse an external entity', async () => {
    // given
    const xml = withDoctype('<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>', '&secret;');

    // then
    await expect(transformBpmn(xml)).rejects.toThrow(/entities/);
  });

  it('should still read the predefined entities of XML', async () => {
    // given
    const xml = bpmnProcess('entities', '<bpmn:startEvent id="start" name="受理 &amp; 审核 &lt;初审&gt;"/>');

    // when
    const [process] = await transformBpmn(xml);

    // then
    expect(process!.bpmnProcessId).toBe('entities');
  });
});
