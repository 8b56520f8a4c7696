import { runContentScript } from '../capture/content/content-main';
import { messengerSite } from '../sites/messenger/site';
import { contentScriptMatches } from '../sites/registry';

export default defineContentScript({
  matches: contentScriptMatches('messenger'),
  main(ctx) {
    runContentScript(ctx, [messengerSite]);
  },
});
