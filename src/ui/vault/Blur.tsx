/**
 * Pictures blurred until the person chooses to see them (issue #13): the setting "Blur pictures until I choose to
 * see them" (on by default, src/lock/settings.ts), a content warning in words and a Show button per picture.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { DEFAULT_SETTINGS, onSettingsChanged, readSettings } from '../../lock/settings';

/** The blur setting, following changes made in the options page while this page is open. */
export function useBlurSetting(): boolean {
  const [blur, setBlur] = useState<boolean>(DEFAULT_SETTINGS.blurMedia);
  useEffect(() => {
    let live = true;
    void readSettings().then((s) => live && setBlur(s.blurMedia));
    let off: (() => void) | undefined;
    try {
      off = onSettingsChanged((s) => setBlur(s.blurMedia));
    } catch {
      // No extension storage (unit tests without a fake browser): keep the default, blurred.
    }
    return () => {
      live = false;
      off?.();
    };
  }, []);
  return blur;
}

/**
 * A picture with its warning. While blurred the image is in the page (so it loads and keeps its size) but drawn
 * blurred and hidden from screen readers; "Show picture" reveals it and "Blur again" hides it.
 */
export function BlurredMedia({ blur, warning, children, testid }: { blur: boolean; warning: string; children: ComponentChildren; testid?: string }) {
  const [shown, setShown] = useState(false);
  const blurred = blur && !shown;
  return (
    <figure class="media" data-testid={testid} data-blurred={String(blurred)}>
      <div class={blurred ? 'media-box blurred' : 'media-box'} aria-hidden={blurred ? 'true' : undefined}>
        {children}
      </div>
      <figcaption class="media-bar">
        {blur && <span class="muted">{warning}</span>}
        {blur && (
          <button type="button" onClick={() => setShown(!shown)} data-testid="media-toggle">
            {shown ? t('recHidePicture') : t('recShowPicture')}
          </button>
        )}
      </figcaption>
    </figure>
  );
}
