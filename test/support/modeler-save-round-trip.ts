/**
 * The store round trip the modeler's "only written differently" tests share (diagram order, decision and form
 * representation): on a fresh git copy of the project, a save whose text only came back as the editor writes the
 * file keeps the saved text and records no version; the next real change, written the editor's way as well and
 * based on the revision that save answered, is written as sent and recorded with its 修改说明.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileHistory } from '../../web-modeler/server/file-history.js';
import { ProjectFiles, revisionOf } from '../../web-modeler/server/project-files.js';
import { ProjectStore } from '../../web-modeler/server/project-store.js';
import { copyModelerProject, type ModelerProject } from './modeler-project.js';

const LIU_FANG = { username: 'liu-fang', displayName: '刘芳' };

export interface SaveRoundTrip {
  /** The project file saved (its text in the copy is `saved`). */
  file: string;
  saved: string;
  /** `saved` as the editor writes it back unchanged. */
  rewritten(): string | Promise<string>;
  /** A real change to `saved`, written the editor's way too. */
  changed(): string | Promise<string>;
  /** The 修改说明 of the real change. */
  message: string;
}

export function describeSaveRoundTrip(title: string, trip: SaveRoundTrip): void {
  describe(title, () => {
    let project: ModelerProject;
    let store: ProjectStore;

    beforeAll(() => {
      project = copyModelerProject();
      store = new ProjectStore(new ProjectFiles(project.dir), openFileHistory(project.dir));
    });

    afterAll(() => project?.remove());

    it('should keep the saved text and record no version, and record the next real change', async () => {
      // given
      const head = project.git('rev-parse', 'HEAD').trim();
      expect(readFileSync(`${project.dir}/${trip.file}`, 'utf8')).toBe(trip.saved);

      // when
      const again = await store.save({ file: trip.file, text: await trip.rewritten(), baseRevision: revisionOf(trip.saved), author: LIU_FANG, message: '无修改' });

      // then
      expect(again).toMatchObject({ recorded: false, version: head, revision: revisionOf(trip.saved) });
      expect(readFileSync(`${project.dir}/${trip.file}`, 'utf8')).toBe(trip.saved);
      expect(project.git('rev-parse', 'HEAD').trim()).toBe(head);

      // when a real change comes written the editor's way as well, from the revision the save answered
      const changed = await trip.changed();
      const result = await store.save({ file: trip.file, text: changed, baseRevision: again.revision, author: LIU_FANG, message: trip.message });

      // then it is written as sent and recorded
      expect(result.recorded).toBe(true);
      expect(readFileSync(`${project.dir}/${trip.file}`, 'utf8')).toBe(changed);
      expect(project.git('log', '-1', '--format=%s').trim()).toBe(trip.message);
    }, 120_000);
  });
}
