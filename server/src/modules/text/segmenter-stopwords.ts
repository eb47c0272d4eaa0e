/**
 * Chinese stop words: function words, pronouns, conjunctions, adverbs and numerals that carry
 * no topic. The list follows the common public lists (哈工大 / 百度 stop words); it was checked
 * against the TipDM 2020 segmented training texts, whose authors removed the same kind of words,
 * so that our tokens of a raw text match theirs (docs/text.md). Punctuation, whitespace and
 * single Latin letters are dropped by rule in segmenter.ts, not listed here.
 */
const WORDS = `的 了 是 在 我 我们 和 有 不 也 都 没有 为 就 到 对 要 与 还 给 这 被 等 但 上 并 又 能 去 将
可以 让 而 该 来 不能 他们 吗 有关 多 向 作为 什么 会 就是 个 这样 一 其 把 从 本人 自己 按 不是 由 以
多次 通过 您 这个 这些 可 及 关于 过 于 或者 或 其他 因 他 为了 因为 但是 没 任何 才 所 而且 为什么 她
之 大 此 根据 内 如果 着 只有 很 你 地 由于 很多 更 呢 开始 时候 还是 们 这么 怎么 还有 基本 第 且 可能
按照 同时 均 必须 看 如何 所以 谁 结果 经过 至 你们 并且 那么 三 用 本 二 为何 拿 如此 以及 啊 打 吧 经
各种 个人 不要 连 望 才能 那 只是 非常 不得 当 叫 多少 出 起 因此 跟 不会 难道 大家 一样 只要 如 得 像
近 对于 甚至 出来 尽快 其中 这里 可是 然后 哪里 有些 自 后来 仍 那些 它 竟然 据 比 起来 经常 的话 何时
另 等等 不管 虽然 带 如下 即 各 不了 之一 某 然而 不少 否则 四 不仅 随着 既然 到底 仅 每 不但 其实 到处
亲自 管 五 同 便 加上 那里 既 不同 故 怎样 及其 而是 一切 见 如今 首先 除 另外 反而 从未 马上 靠 仍然
就算 哪些 极大 于是 若 哪 归 快 离 呀 不再 各位 比如 某些 不得不 近年来 他人 自从 其它 共 即使 任 进去
怎么办 那边 那个 则 别人 六 一般 别的 刚 不然 单 从而 极 么 怕 人家 边 当然 敢 各个 绝对 其次 居然 者
哪个 更加 待 可见 一旦 进来 充分 依照 借 等到 虽 不过 究竟 毫无 综上所述 当中 基本上 要是 八 竟 别 即将
此外 加之 大概 往 使得 必将 前后 基于 那样 定 临 并非 极其 自身 不如 啦 莫 一方面 看来 无论 从来 满 要么
本着 出去 据说 较 不仅仅 沿 尽早 这边 大大 而已 截至 的确 仅仅 不止 尽量 也好 大约 几乎 来看 什么样 半
除了 再说 毕竟 理应 替 多多 趁 紧接着 千 以至于 长期以来 鉴于 将要 零 更为 尽可能 凭 本身 另一方面 而后
立马 依 啥 起初 当即 即便 过于 其二 总之 日益 以免 每逢 哈 何必 随 之所以 常常 从此 从不 差不多 每当 吓
不时 或是 而言 极度 尽 别说 与其 一则 互相 从中 哪儿 怎么样 大多 它们 将近 与否 己 颇 极为 九 趁机 哪怕
哦 顿时 至于 加以 要不是 白白 她们 朝 照 嗯 哎 唉 喂 嘛 哇 呗 咱 咱们 俺 之后 以后 以前 之前 此时 这时`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
