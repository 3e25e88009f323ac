/**
 * The banner that says the server now serves a newer build of the app (new-build.ts): shown once, above the page,
 * not in the way of the form the clerk may be filling in; 「刷新」 reloads when she is ready.
 */
import { useEffect, useState } from 'preact/hooks';
import { newBuildServed, onNewBuild } from '../api/new-build.js';
import { zh } from '../i18n/zh-cn.js';

export function NewBuildBanner() {
  const [shown, setShown] = useState(newBuildServed);
  useEffect(() => {
    if (newBuildServed()) setShown(true);
    return onNewBuild(() => setShown(true));
  }, []);
  if (!shown) return null;
  return (
    <div class="banner notice new-build no-print" role="status" data-testid="new-build">
      {zh.shell.newBuild}{' '}
      <button type="button" onClick={() => window.location.reload()}>
        {zh.shell.reload}
      </button>
    </div>
  );
}
