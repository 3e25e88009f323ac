/**
 * bpmn-js in Chinese, the bpmn-io way (a module passed in `additionalModules`, no library patched): the
 * `translate` service the palette, context pad, popup menus, minimap, properties panel and element templates use,
 * and the properties panel's groups handed the same service; the few titles rendered past it (ChineseHardCodedTexts), and
 * the token simulation's literals (ChineseTokenSimulation).
 */
import { chineseTranslate } from './chinese-translate.js';
import { ChineseHardCodedTexts } from './chinese-hard-coded-texts.js';
import { ChinesePropertiesGroups } from './chinese-properties-groups.js';
import { ChineseTokenSimulation } from './chinese-token-simulation.js';

export default {
  __init__: ['chinesePropertiesGroups', 'chineseHardCodedTexts', 'chineseTokenSimulation'],
  translate: ['value', chineseTranslate],
  chinesePropertiesGroups: ['type', ChinesePropertiesGroups],
  chineseHardCodedTexts: ['type', ChineseHardCodedTexts],
  chineseTokenSimulation: ['type', ChineseTokenSimulation],
};
