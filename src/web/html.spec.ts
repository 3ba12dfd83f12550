import { html } from './html.js';

describe('html', () => {
  it('escapes interpolated text and keeps nested fragments', () => {
    const name = `<script>alert("x")</script>&'`;
    const page = html`<p title="${name}">${name}${html`<b>${'a<b'}</b>`}${[1, 2]}${null}</p>`;
    expect(page.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;<b>a&lt;b</b>12</p>',
    );
  });
});
