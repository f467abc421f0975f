namespace HybridVote.LoginCallback;

/// <summary>The voter pages' style sheet: large type and targets, high contrast (FR004, WCAG 2.2 AA).</summary>
internal static class SiteCss
{
    public const string Text = """
        body { font: 1.25rem/1.5 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem; color: #111; background: #fff; }
        header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; border-bottom: 2px solid #111; }
        .app a { font-weight: bold; color: #111; text-decoration: none; }
        .langs { display: flex; gap: .5rem; list-style: none; padding: 0; }
        .langs a { display: inline-block; min-width: 44px; min-height: 44px; line-height: 44px; text-align: center; color: #0b3d91; }
        .langs a[aria-current] { font-weight: bold; text-decoration: underline; }
        a { color: #0b3d91; }
        :focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
        button, .button { display: inline-block; font: inherit; padding: .75rem 1.25rem; min-height: 48px; border: 2px solid #0b3d91; border-radius: 6px; background: #0b3d91; color: #fff; text-decoration: none; cursor: pointer; }
        .secondary { background: #fff; color: #0b3d91; }
        .kcode { font: bold 2rem/1.2 ui-monospace, monospace; letter-spacing: .1em; padding: .5rem 1rem; border: 3px solid #111; display: inline-block; }
        .status { border-left: 6px solid #0b3d91; padding-left: 1rem; }
        .error { border-left: 6px solid #a00; padding-left: 1rem; }
        input[type=text] { font: inherit; padding: .5rem; min-height: 44px; width: 100%; max-width: 24rem; box-sizing: border-box; }
        label { display: block; font-weight: bold; margin-bottom: .25rem; }
        """;
}
