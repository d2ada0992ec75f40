/**
 * Flat-design SVG scenes for the seed media drawn by scripts/make-seed-media.ts.
 *
 * Every random choice comes from a seeded PRNG so a regeneration draws the same pictures (and the committed
 * files don't churn). No scene contains text: the player renders captions itself, in three languages.
 */

const W = 1920
const H = 1080

type Rand = () => number
type Stops = [number, string][]

/** mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): Rand {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One decimal is plenty at 1920 px and keeps the SVG (and the page's parse time) small. */
const n = (v: number): string => String(Math.round(v * 10) / 10)

function mix(a: string, b: string, t: number): string {
  const ch = (hex: string, i: number): number => Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16)
  const c = [0, 1, 2].map((i) => Math.round(ch(a, i) + (ch(b, i) - ch(a, i)) * t))
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`
}

const stops = (s: Stops): string => s.map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`).join('')

/** Vertical gradient in user space, so layers sharing a colour fade at their own feet, not their bbox's. */
const vgrad = (id: string, y1: number, y2: number, s: Stops): string =>
  `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="0" y1="${y1}" x2="0" y2="${y2}">` +
  `${stops(s)}</linearGradient>`

const glow = (id: string, color: string, opacity: number): string =>
  `<radialGradient id="${id}"><stop offset="0" stop-color="${color}" stop-opacity="${opacity}"/>` +
  `<stop offset="1" stop-color="${color}" stop-opacity="0"/></radialGradient>`

const blur = (id: string, sd: number): string =>
  `<filter id="${id}" x="-50%" y="-50%" width="200%" height="200%">` +
  `<feGaussianBlur stdDeviation="${sd}"/></filter>`

const svg = (defs: string[], body: string[]): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMidYMid slice">` +
  `<defs>${defs.join('')}</defs>${body.join('')}</svg>`

/** A karst tower as Lạng Sơn has them: near-vertical flanks under a domed top, leaning a little. */
function tower(cx: number, w: number, h: number, base: number, lean: number): string {
  const l = cx - w / 2
  const r = cx + w / 2
  const top = base - h
  const tx = cx + lean * w
  return (
    `M${n(l)},${H}V${base}C${n(l + w * 0.1)},${n(base - h * 0.6)} ` +
    `${n(tx - w * 0.32)},${n(top)} ${n(tx)},${n(top)}` +
    `C${n(tx + w * 0.32)},${n(top)} ${n(r - w * 0.1)},${n(base - h * 0.6)} ${n(r)},${base}V${H}Z`
  )
}

/** A row of overlapping towers plus the ground under them; all subpaths wind the same way, so they union. */
function karst(rand: Rand, base: number, h: [number, number], w: [number, number], fill: string): string {
  let d = ''
  for (let x = -rand() * w[1]; x < W + w[1]; x += w[0] * (0.55 + rand() * 0.5)) {
    const pw = w[0] + rand() * (w[1] - w[0])
    d += tower(x, pw, h[0] + rand() * (h[1] - h[0]), base, rand() * 0.3 - 0.15)
  }
  return `<path d="${d}M0,${base}H${W}V${H}H0Z" fill="${fill}"/>`
}

/** A soft rolling ridge (Mẫu Sơn is granite, not karst); yAt lets trees and houses stand on it. */
function ridge(rand: Rand, base: number, amp: number): { d: string; yAt: (x: number) => number } {
  const waves = [0, 1, 2].map((i) => ({ f: (1.5 + rand() * 2) * (i + 1), p: rand() * 7, a: 1 / (i + 1.3) }))
  const yAt = (x: number): number =>
    base - amp * waves.reduce((s, v) => s + v.a * Math.sin((x / W) * v.f * Math.PI + v.p), 0)
  let d = `M-20,${H}V${n(yAt(-20))}`
  for (let x = 0; x <= W + 20; x += 40) d += `L${x},${n(yAt(x))}`
  return { d: `${d}V${H}Z`, yAt }
}

/** Curved roof with upturned eaves, the profile of the old gate towers. `y` is the eave line. */
function roof(cx: number, y: number, w: number, h: number, fill: string): string {
  const tipY = y - h * 0.45
  return (
    `<path fill="${fill}" d="M${n(cx - w / 2)},${n(tipY)}Q${n(cx - w * 0.42)},${y} ${n(cx - w * 0.3)},${y}` +
    `H${n(cx + w * 0.3)}Q${n(cx + w * 0.42)},${y} ${n(cx + w / 2)},${n(tipY)}` +
    `Q${n(cx + w * 0.36)},${n(y - h * 0.55)} ${n(cx + w * 0.28)},${n(y - h)}H${n(cx - w * 0.28)}` +
    `Q${n(cx - w * 0.36)},${n(y - h * 0.55)} ${n(cx - w / 2)},${n(tipY)}Z"/>`
  )
}

function star(cx: number, cy: number, r: number): string {
  const pts = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5
    const rr = i % 2 === 0 ? r : r * 0.38
    return `${n(cx + rr * Math.cos(a))},${n(cy + rr * Math.sin(a))}`
  })
  return `<polygon points="${pts.join(' ')}" fill="#ffde00"/>`
}

/** A flat cloud: a pill with three bumps, so it reads as a cloud at any scale. */
function cloud(x: number, y: number, s: number, fill: string, opacity: number, stretch = 1): string {
  return (
    `<g transform="translate(${n(x)} ${n(y)}) scale(${n(s * stretch)} ${s})" ` +
    `fill="${fill}" opacity="${opacity}">` +
    '<rect x="-170" y="-30" width="340" height="60" rx="30"/><circle cx="-75" cy="-32" r="55"/>' +
    '<circle cx="15" cy="-55" r="78"/><circle cx="100" cy="-22" r="46"/></g>'
  )
}

const bird = (x: number, y: number, s: number, flap: number, color: string): string =>
  `<path d="M${n(x - 14 * s)},${n(y)}Q${n(x - 7 * s)},${n(y - 8 * s * flap)} ${n(x)},${n(y)}` +
  `Q${n(x + 7 * s)},${n(y - 8 * s * flap)} ${n(x + 14 * s)},${n(y)}" fill="none" stroke="${color}" ` +
  `stroke-width="${n(2.5 * s)}" stroke-linecap="round"/>`

function pine(x: number, base: number, h: number, fill: string): string {
  const w = h * 0.42
  let d = `M${n(x - h * 0.03)},${n(base)}h${n(h * 0.06)}v${n(-h * 0.2)}h${n(-h * 0.06)}Z`
  for (let i = 0; i < 3; i++) {
    const yb = base - h * (0.12 + i * 0.26)
    const tw = w * (1 - i * 0.25)
    d += `M${n(x - tw / 2)},${n(yb)}Q${n(x)},${n(yb - h * 0.06)} ${n(x + tw / 2)},${n(yb)}`
    d += `L${n(x)},${n(yb - h * 0.42)}Z`
  }
  return `<path d="${d}" fill="${fill}"/>`
}

/** Hữu Nghị gate at dawn: karst towers in haze, the gate tower in silhouette, a road into its arch. */
export function huuNghiGate(): string {
  const r = rng(11)
  const gate = '#1d1836'
  const lit = '#ffc874'
  const body: string[] = [`<rect width="${W}" height="${H}" fill="url(#sky)"/>`]
  for (let i = 0; i < 40; i++) {
    body.push(
      `<circle cx="${n(r() * W)}" cy="${n(r() * 260)}" r="${n(1 + r() * 1.5)}" fill="#fff" opacity="0.5"/>`,
    )
  }
  body.push(
    '<circle cx="1250" cy="560" r="560" fill="url(#sunGlow)"/>',
    '<circle cx="1250" cy="570" r="80" fill="#ffeccb"/>',
    karst(r, 780, [240, 400], [200, 340], 'url(#far)'),
    `<ellipse cx="960" cy="770" rx="1200" ry="50" fill="#f7c1a4" opacity="0.55" filter="url(#mist)"/>`,
    karst(r, 830, [150, 280], [170, 280], 'url(#mid)'),
    `<ellipse cx="700" cy="835" rx="1100" ry="40" fill="#e9a49a" opacity="0.45" filter="url(#mist)"/>`,
    karst(r, 880, [70, 170], [150, 240], 'url(#near)'),
    `<path d="M0,870Q480,850 960,872T${W},860V${H}H0Z" fill="url(#ground)"/>`,
    '<polygon points="620,1080 1300,1080 1012,876 908,876" fill="#3f3262"/>',
  )
  for (let k = 0; k < 6; k++) {
    const a = (k / 6) ** 1.7
    const b = ((k + 0.5) / 6) ** 1.7
    const [ya, yb] = [880 + 200 * a, 880 + 200 * b]
    body.push(
      `<polygon points="958,${n(ya)} 962,${n(ya)} ${n(962 + 10 * b)},${n(yb)} ${n(958 - 10 * b)},${n(yb)}" ` +
        'fill="#8d6f9c"/>',
    )
  }
  // The gate: crenellated wings, a masonry block with an arch lit by the dawn behind it, a two-storey tower.
  body.push(
    `<g fill="${gate}"><rect x="560" y="780" width="800" height="100"/>`,
    '<rect x="790" y="690" width="340" height="190"/>',
  )
  for (let x = 560; x < 1360; x += 40)
    if (x < 790 || x >= 1130) body.push(`<rect x="${x}" y="764" width="24" height="18"/>`)
  body.push(
    '<rect x="845" y="600" width="230" height="92"/><rect x="885" y="520" width="150" height="50"/>',
    '<rect x="955" y="452" width="10" height="26"/><circle cx="960" cy="450" r="9"/></g>',
    `<path d="M900,880V800A60,60 0 0 1 1020,800V880Z" fill="url(#arch)"/>`,
    roof(960, 606, 340, 60, gate),
    roof(960, 526, 250, 50, gate),
  )
  for (const x of [872, 943, 1014])
    body.push(`<rect x="${x}" y="626" width="34" height="44" rx="3" fill="${lit}"/>`)
  for (const x of [918, 972])
    body.push(`<rect x="${x}" y="532" width="30" height="30" rx="3" fill="${lit}"/>`)
  for (const x of [700, 1220]) {
    body.push(
      `<rect x="${x - 3}" y="640" width="6" height="240" fill="${gate}"/>`,
      `<path d="M${x + 3},644h96q-6,30 0,62h-96Z" fill="#da251d"/>`,
      star(x + 49, 675, 18),
    )
  }
  // Street lamps in perspective along the road, lit because the scene is before sunrise.
  for (const [x, y, h] of [
    [880, 884, 40],
    [800, 930, 80],
    [640, 1030, 150],
    [1040, 884, 40],
    [1120, 930, 80],
    [1280, 1030, 150],
  ] as const) {
    body.push(
      `<rect x="${n(x - h * 0.03)}" y="${y - h}" width="${n(h * 0.06)}" height="${h}" fill="${gate}"/>`,
      `<circle cx="${x}" cy="${y - h}" r="${n(h * 0.3)}" fill="url(#lamp)"/>`,
      `<circle cx="${x}" cy="${y - h}" r="${n(h * 0.06)}" fill="#ffe3a8"/>`,
    )
  }
  for (const [cx, cy, rad] of [
    [60, 930, 130],
    [210, 980, 110],
    [-20, 1040, 150],
    [1860, 940, 140],
    [1720, 1000, 110],
    [1960, 1030, 150],
  ] as const) {
    body.push(`<circle cx="${cx}" cy="${cy}" r="${rad}" fill="#15112a"/>`)
  }
  for (let i = 0; i < 5; i++)
    body.push(bird(330 + i * 55 + r() * 30, 300 + r() * 80, 1 + r() * 0.6, 1, '#3a2d5a'))
  return svg(
    [
      vgrad('sky', 0, 880, [
        [0, '#202650'],
        [0.35, '#553d78'],
        [0.62, '#c5617a'],
        [0.8, '#f0986b'],
        [1, '#fbd38d'],
      ]),
      glow('sunGlow', '#ffd99a', 0.85),
      glow('lamp', '#ffd48a', 0.8),
      vgrad('far', 420, 780, [
        [0, '#a8769f'],
        [1, '#eba58c'],
      ]),
      vgrad('mid', 560, 830, [
        [0, '#74517f'],
        [1, '#c07c8c'],
      ]),
      vgrad('near', 720, 880, [
        [0, '#463764'],
        [1, '#6f5079'],
      ]),
      vgrad('ground', 860, H, [
        [0, '#2c2447'],
        [1, '#17122c'],
      ]),
      vgrad('arch', 740, 880, [
        [0, '#ffd79a'],
        [1, '#f08a5d'],
      ]),
      blur('mist', 22),
    ],
    body,
  )
}

function container(x: number, y: number, w: number, h: number, color: string): string {
  return (
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${color}"/>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="url(#ribs)"/>` +
    `<rect x="${x}" y="${y}" width="${w}" height="6" fill="#fff" opacity="0.2"/>` +
    `<rect x="${x}" y="${y + h - 7}" width="${w}" height="7" fill="#000" opacity="0.22"/>` +
    `<rect x="${x + w - 30}" y="${y + 10}" width="4" height="${h - 20}" fill="#000" opacity="0.25"/>` +
    `<rect x="${x + w - 16}" y="${y + 10}" width="4" height="${h - 20}" fill="#000" opacity="0.25"/>`
  )
}

/** A container truck facing right with its rear wheels at (x, y); `flip` turns it to face left. */
function truck(x: number, y: number, s: number, flip: boolean, cab: string, box: string): string {
  const wheel = (wx: number): string =>
    `<circle cx="${wx}" cy="-26" r="27" fill="#2b2327"/><circle cx="${wx}" cy="-26" r="10" fill="#c9bcae"/>`
  return (
    `<g transform="translate(${x} ${y}) scale(${flip ? -s : s} ${s})">` +
    '<ellipse cx="280" cy="0" rx="320" ry="10" fill="#000" opacity="0.18"/>' +
    container(0, -170, 430, 128, box) +
    '<rect x="-4" y="-44" width="560" height="16" fill="#3a2e33"/>' +
    `<path fill="${cab}" d="M440,-28V-150Q440,-162 452,-162H520Q540,-162 548,-140` +
    'L566,-84Q570,-72 570,-60V-28Z"/>' +
    '<path d="M458,-148H516Q528,-148 533,-136L546,-100H458Z" fill="#cfeaf2"/>' +
    '<rect x="556" y="-48" width="18" height="14" rx="3" fill="#ffe7a3"/>' +
    `${wheel(70)}${wheel(130)}${wheel(330)}${wheel(500)}</g>`
  )
}

/** Kỳ Lừa: market stalls under striped awnings, a container yard with its crane, trucks on the road. */
export function kyLuaMarket(): string {
  const r = rng(23)
  const boxes = ['#c8412f', '#e8833a', '#2a8c8c', '#2f5d8a', '#e8b83a', '#8e3b5a']
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const body: string[] = [
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>`,
    '<circle cx="420" cy="330" r="420" fill="url(#sunGlow)"/>',
    '<circle cx="420" cy="330" r="100" fill="#fff3cf"/>',
    cloud(900, 200, 0.9, '#fde9c8', 0.75),
    cloud(1550, 140, 0.7, '#fde9c8', 0.6),
    cloud(160, 520, 0.6, '#fde9c8', 0.5),
    karst(r, 700, [170, 320], [200, 320], 'url(#far)'),
    karst(r, 740, [90, 200], [180, 280], 'url(#mid)'),
    '<rect y="728" width="1920" height="80" fill="#d9a273"/>',
  ]
  // The crane stands behind the stacks, so it is drawn first and in a muted tone.
  body.push(
    '<g fill="#7d3b36"><rect x="1250" y="420" width="22" height="390"/>',
    '<rect x="1810" y="420" width="22" height="390"/>',
    '<rect x="1210" y="410" width="680" height="34"/><rect x="1470" y="444" width="70" height="26"/></g>',
    '<path stroke="#7d3b36" stroke-width="6" d="M1250,800L1272,600M1272,800L1250,600' +
      'M1810,800L1832,600M1832,800L1810,600"/>',
    '<rect x="1503" y="470" width="4" height="50" fill="#4a2a2a"/>',
  )
  for (const [cx, row, count] of [
    [1160, 0, 3],
    [1290, 1, 2],
  ] as const) {
    for (let i = 0; i < count; i++) body.push(container(cx + i * 255, 704 - row * 96, 250, 96, pick(boxes)))
  }
  // The crane is mid-lift, the container hanging just clear of the stack it is about to top.
  body.push(container(1400, 518, 210, 80, '#2f5d8a'))
  // Stalls: posts, a counter of fruit and baskets, a striped awning with a scalloped edge.
  for (let s = 0; s < 4; s++) {
    const x = 60 + s * 250
    body.push(
      `<rect x="${x}" y="660" width="230" height="90" fill="#eec39a"/>`,
      `<rect x="${x}" y="640" width="10" height="160" fill="#6b3b2a"/>`,
      `<rect x="${x + 220}" y="640" width="10" height="160" fill="#6b3b2a"/>`,
      `<rect x="${x}" y="744" width="230" height="56" fill="#8a4b32"/>`,
      `<rect x="${x - 6}" y="738" width="242" height="10" fill="#a85f3c"/>`,
    )
    for (let g = 0; g < 8; g++) {
      const gx = x + 22 + g * 26
      if (r() < 0.25) body.push(`<ellipse cx="${gx}" cy="728" rx="15" ry="10" fill="#c58b4f"/>`)
      else
        body.push(
          `<circle cx="${gx}" cy="726" r="12" fill="${pick(['#f28c28', '#e23d3d', '#8cc63f', '#ffd23f'])}"/>`,
        )
    }
    const awning = s % 2 === 0 ? '#d64541' : '#2a8c8c'
    for (let k = 0; k < 10; k++) {
      const c = k % 2 === 0 ? awning : '#fbeedd'
      const sx = x - 5 + k * 24
      body.push(
        `<rect x="${sx}" y="606" width="24" height="44" fill="${c}"/>`,
        `<circle cx="${sx + 12}" cy="650" r="12" fill="${c}"/>`,
      )
    }
  }
  body.push('<path d="M40,560Q560,620 1080,560" fill="none" stroke="#5a3528" stroke-width="3"/>')
  for (let i = 1; i < 12; i++) {
    const t = i / 12
    const x = 40 + 1040 * t
    const y = 560 + 120 * t * (1 - t)
    body.push(
      `<rect x="${n(x - 1)}" y="${n(y)}" width="2" height="10" fill="#5a3528"/>`,
      `<ellipse cx="${n(x)}" cy="${n(y + 30)}" rx="15" ry="20" fill="#d92b2b"/>`,
      `<rect x="${n(x - 8)}" y="${n(y + 8)}" width="16" height="5" fill="#f2b233"/>`,
      `<rect x="${n(x - 8)}" y="${n(y + 47)}" width="16" height="5" fill="#f2b233"/>`,
    )
  }
  body.push(
    '<rect x="1104" y="690" width="12" height="110" fill="#6b3b2a"/>',
    '<circle cx="1110" cy="660" r="50" fill="#7a9a48"/><circle cx="1085" cy="690" r="36" fill="#6a8a3e"/>',
    '<circle cx="1140" cy="686" r="34" fill="#86a852"/>',
    '<rect y="800" width="1920" height="14" fill="#e6b98a"/>',
    '<rect y="814" width="1920" height="170" fill="#5b4650"/>',
  )
  for (let x = 20; x < W; x += 170)
    body.push(`<rect x="${x}" y="896" width="90" height="8" rx="4" fill="#f6d48f"/>`)
  body.push(
    truck(1560, 890, 0.72, true, '#e8b83a', '#2a8c8c'),
    truck(520, 968, 1, false, '#2f6f8f', '#c8412f'),
    '<rect y="984" width="1920" height="96" fill="#d49a6e"/>',
    '<rect y="984" width="1920" height="10" fill="#e6b98a"/>',
  )
  for (let x = 60; x < W; x += 120) body.push(`<rect x="${x}" y="994" width="3" height="86" fill="#b47f58"/>`)
  for (let i = 0; i < 4; i++) body.push(bird(1000 + i * 60 + r() * 30, 330 + r() * 60, 1.1, 1, '#9c4a3a'))
  return svg(
    [
      vgrad('sky', 0, 760, [
        [0, '#e06748'],
        [0.45, '#f3a25c'],
        [1, '#fbe0a6'],
      ]),
      glow('sunGlow', '#fff0c0', 0.8),
      vgrad('far', 380, 700, [
        [0, '#cf8670'],
        [1, '#f2c39a'],
      ]),
      vgrad('mid', 540, 740, [
        [0, '#b0655a'],
        [1, '#dd9f7e'],
      ]),
      '<pattern id="ribs" width="14" height="10" patternUnits="userSpaceOnUse">' +
        '<rect width="3" height="10" fill="#000" opacity="0.14"/></pattern>',
    ],
    body,
  )
}

/** Mẫu Sơn: ridge after ridge fading into mist, pines in front, one of the old red-roofed villas. */
export function mauSonMountain(): string {
  const r = rng(37)
  const body: string[] = [
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>`,
    '<circle cx="1480" cy="250" r="420" fill="url(#sunGlow)"/>',
    '<circle cx="1480" cy="250" r="70" fill="#fffaf0"/>',
    cloud(420, 210, 1, '#ffffff', 0.55),
    cloud(1050, 330, 0.7, '#ffffff', 0.45),
  ]
  const layers = 7
  let villaX = Number.NEGATIVE_INFINITY
  for (let i = 0; i < layers; i++) {
    const t = i / (layers - 1)
    const { d, yAt } = ridge(r, 470 + i * 85, 110 - i * 6)
    body.push(`<path d="${d}" fill="${mix('#c3d9dc', '#1d3c35', t ** 0.9)}"/>`)
    if (i === 4) {
      // On the crest of this ridge's right half, so the ridges in front can't hide its walls.
      let x = 1150
      for (let c = 1150; c <= 1650; c += 10) if (yAt(c) < yAt(x)) x = c
      const y = yAt(x) + 6
      villaX = x
      body.push(
        `<rect x="${x - 55}" y="${n(y - 58)}" width="110" height="60" fill="#f1e6d2"/>` +
          `<path fill="#b4473a" d="M${x - 70},${n(y - 56)}L${x - 40},${n(y - 96)}` +
          `H${x + 40}L${x + 70},${n(y - 56)}Z"/>` +
          `<rect x="${x + 22}" y="${n(y - 110)}" width="12" height="26" fill="#8e3a30"/>` +
          `<rect x="${x - 38}" y="${n(y - 42)}" width="16" height="20" fill="#3f5d55"/>` +
          `<rect x="${x - 8}" y="${n(y - 42)}" width="16" height="20" fill="#3f5d55"/>` +
          `<rect x="${x + 22}" y="${n(y - 42)}" width="16" height="20" fill="#3f5d55"/>`,
      )
    }
    if (i >= 4) {
      const color = mix('#3d6b5e', '#14302a', (i - 4) / 2)
      const count = i === layers - 1 ? 14 : 20
      for (let k = 0; k < count; k++) {
        // The nearest pines cluster on the left, leaving the right third open for the player's captions.
        const x = i === layers - 1 ? r() * 760 : r() * W
        if (Math.abs(x - villaX) < 100) continue
        body.push(
          pine(x, yAt(x) + 8, (i === layers - 1 ? 150 : 60) + r() * (i === layers - 1 ? 140 : 40), color),
        )
      }
    }
    if (i < layers - 1) {
      const y = 490 + i * 85
      body.push(
        `<ellipse cx="${n(400 + r() * 1100)}" cy="${y}" rx="${n(900 + r() * 300)}" ry="42" fill="#fff" ` +
          `opacity="${n(0.45 + r() * 0.2)}" filter="url(#mist)"/>`,
      )
    }
  }
  for (let i = 0; i < 4; i++) body.push(bird(1200 + i * 48 + r() * 30, 200 + r() * 70, 0.9, 1, '#4d6a66'))
  return svg(
    [
      vgrad('sky', 0, 700, [
        [0, '#8bbcd1'],
        [0.55, '#d3e5ea'],
        [1, '#f4efe6'],
      ]),
      glow('sunGlow', '#fff6e0', 0.9),
      blur('mist', 26),
    ],
    body,
  )
}

/**
 * One frame of the clouds video, `t` in [0, 1) across the clip: clouds drift at three depths (faster when
 * nearer, for parallax), the sun clears the ridges, birds cross. Driven by `t` alone, never by a clock.
 */
export function borderCloudsFrame(t: number): string {
  const r = rng(51)
  const far = karst(r, 760, [200, 400], [220, 360], 'url(#far)')
  const mid = karst(r, 860, [110, 300], [240, 380], 'url(#mid)')
  const near = karst(r, 1000, [50, 200], [300, 460], 'url(#near)')
  const drift = (x0: number, speed: number): number => x0 + speed * t * 6
  // Low clouds are stretched flat, so they read as banks lying in the valleys rather than floating puffs.
  const clouds = (
    list: [number, number, number][],
    speed: number,
    fill: string,
    op: number,
    stretch = 1,
  ): string => list.map(([x, y, s]) => cloud(drift(x, speed), y, s, fill, op, stretch)).join('')
  const sunY = 660 - 240 * t
  const ease = t * t * (3 - 2 * t)
  const body: string[] = [
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>`,
    `<rect width="${W}" height="${H}" fill="#ffb27a" opacity="${n(0.22 * ease)}"/>`,
    `<circle cx="1100" cy="${n(sunY)}" r="${n(480 + 120 * t)}" fill="url(#sunGlow)"/>`,
    `<circle cx="1100" cy="${n(sunY)}" r="78" fill="#ffeccb"/>`,
    clouds(
      [
        [-150, 170, 0.9],
        [520, 110, 0.6],
        [1000, 230, 0.8],
        [1560, 150, 1.1],
      ],
      35,
      '#fde2dc',
      0.85,
    ),
    far,
    clouds(
      [
        [-200, 660, 0.8],
        [650, 690, 0.65],
        [1400, 650, 0.85],
      ],
      60,
      '#f6cdc4',
      0.8,
      1.6,
    ),
    mid,
    clouds(
      [
        [-100, 860, 0.95],
        [900, 880, 0.8],
        [1800, 850, 1],
      ],
      95,
      '#eab8b8',
      0.6,
      2,
    ),
    near,
  ]
  for (let i = 0; i < 4; i++) {
    const flap = Math.sin(2 * Math.PI * (t * 10 + i * 0.3))
    body.push(bird(-150 + 2200 * t + i * 60, 330 + (i % 2) * 30 - i * 8, 1.4, flap, '#3a2d5a'))
  }
  return svg(
    [
      vgrad('sky', 0, 900, [
        [0, '#27305e'],
        [0.4, '#5e4582'],
        [0.68, '#cf6d7c'],
        [1, '#fbc98a'],
      ]),
      glow('sunGlow', '#ffd99a', 0.85),
      vgrad('far', 380, 760, [
        [0, '#a8769f'],
        [1, '#eba58c'],
      ]),
      vgrad('mid', 590, 850, [
        [0, '#74517f'],
        [1, '#c07c8c'],
      ]),
      vgrad('near', 810, 980, [
        [0, '#3c2f5a'],
        [1, '#5f4670'],
      ]),
    ],
    body,
  )
}
