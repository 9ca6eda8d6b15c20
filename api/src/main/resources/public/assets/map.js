'use strict';

// The map page: draws GET /map on a canvas coloured by market, shows GET /recommend for the searched item on
// the map and as a list, and polls GET /status for the live panel. Plain DOM and canvas: nothing to download.
(() => {
  const STATUS_POLL_MS = 2000;
  // The live model changes all the time; its map is fetched again this often (the server recomputes it at most
  // every item2vec.api.map.recompute-interval).
  const LIVE_MAP_REFRESH_MS = 10000;
  const PADDING = 28;
  const POINT_RADIUS = 3;
  const HOVER_RADIUS = 7;
  const PALETTE = ['#1a73e8', '#e8710a', '#1e8e3e', '#d93025', '#9334e6', '#12b5cb', '#e52592', '#b06000',
    '#3c4043', '#7cb342'];
  const NO_MARKET = '#9aa0a6';
  const INK = '#202124';

  const canvas = document.getElementById('map');
  const tooltip = document.getElementById('tooltip');
  const query = document.getElementById('query');
  const message = document.getElementById('message');
  const results = document.getElementById('results');

  const view = {
    map: null, // the last answer of GET /map
    loadedAt: 0,
    loading: false,
    indexOf: new Map(), // item → its index in map.items
    colours: new Map(), // market → colour
    positions: new Float32Array(0), // x, y of each point in CSS pixels of the canvas
    query: null, // the searched item
    recommended: new Map(), // item → its rank among the recommendations, from 1
  };

  async function getJson(url) {
    const response = await fetch(url, {headers: {Accept: 'application/json'}});
    let body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      // the status line below says enough
    }
    if (!response.ok) {
      throw new Error(body && body.message ? body.message : `${response.status} ${response.statusText}`);
    }
    return body;
  }

  function colourOf(market) {
    return market == null ? NO_MARKET : view.colours.get(market);
  }

  // Markets with the most items first get the first colours; beyond the palette, hues a golden angle apart.
  function assignColours(items) {
    const sizes = new Map();
    items.filter(p => p.market != null).forEach(p => sizes.set(p.market, (sizes.get(p.market) || 0) + 1));
    const markets = [...sizes.keys()].sort((a, b) => sizes.get(b) - sizes.get(a) || a.localeCompare(b));
    view.colours = new Map(markets.map((market, i) =>
      [market, i < PALETTE.length ? PALETTE[i] : `hsl(${(i * 137.5) % 360}, 60%, 45%)`]));
    drawLegend(markets, sizes, items.length - items.filter(p => p.market != null).length);
  }

  function drawLegend(markets, sizes, withoutMarket) {
    const legend = document.getElementById('legend');
    legend.replaceChildren();
    const entry = (name, colour, count) => {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colour;
      const label = document.createElement('span');
      label.textContent = name;
      const number = document.createElement('span');
      number.className = 'count';
      number.textContent = count.toLocaleString('en');
      li.append(swatch, label, number);
      legend.append(li);
    };
    markets.forEach(market => entry(market, view.colours.get(market), sizes.get(market)));
    if (withoutMarket > 0) {
      entry('no market', NO_MARKET, withoutMarket);
    }
  }

  // Fits the points in the canvas with the same scale on both axes, so that distances are not distorted.
  function layout(items, width, height) {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const p of items) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    const spanX = maxX - minX || 1;
    const spanY = maxY - minY || 1;
    const scale = Math.max(0, Math.min((width - 2 * PADDING) / spanX, (height - 2 * PADDING) / spanY));
    const centreX = (minX + maxX) / 2;
    const centreY = (minY + maxY) / 2;
    const positions = new Float32Array(items.length * 2);
    items.forEach((p, i) => {
      positions[2 * i] = width / 2 + (p.x - centreX) * scale;
      positions[2 * i + 1] = height / 2 - (p.y - centreY) * scale;
    });
    return positions;
  }

  function draw() {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const items = view.map ? view.map.items : [];
    view.positions = layout(items, width, height);
    const searching = view.query != null;

    context.globalAlpha = searching ? 0.3 : 0.8;
    items.forEach((p, i) => dot(context, i, POINT_RADIUS, colourOf(p.market)));
    context.globalAlpha = 1;

    let highlighted = 0;
    context.font = '12px system-ui, sans-serif';
    items.forEach((p, i) => {
      if (view.recommended.has(p.item)) {
        dot(context, i, 6, colourOf(p.market));
        ring(context, i, 6, INK, 1.5);
        // The rank only: the list beside the map names the items, and ids would cover each other.
        label(context, i, String(view.recommended.get(p.item)));
        highlighted++;
      }
    });
    const queried = view.indexOf.get(view.query);
    if (queried !== undefined) {
      dot(context, queried, 8, '#fff');
      ring(context, queried, 8, INK, 3);
      context.font = 'bold 13px system-ui, sans-serif';
      label(context, queried, items[queried].item);
    }
    canvas.dataset.points = String(items.length);
    canvas.dataset.highlighted = String(highlighted);
  }

  function dot(context, i, radius, colour) {
    context.beginPath();
    context.arc(view.positions[2 * i], view.positions[2 * i + 1], radius, 0, 2 * Math.PI);
    context.fillStyle = colour;
    context.fill();
  }

  function ring(context, i, radius, colour, width) {
    context.beginPath();
    context.arc(view.positions[2 * i], view.positions[2 * i + 1], radius, 0, 2 * Math.PI);
    context.strokeStyle = colour;
    context.lineWidth = width;
    context.stroke();
  }

  function label(context, i, text) {
    const x = view.positions[2 * i] + 9;
    const y = view.positions[2 * i + 1] - 7;
    context.lineWidth = 3;
    context.strokeStyle = 'rgba(248, 249, 250, 0.9)';
    context.strokeText(text, x, y);
    context.fillStyle = INK;
    context.fillText(text, x, y);
  }

  async function loadMap() {
    if (view.loading) {
      return;
    }
    view.loading = true;
    const note = document.getElementById('map-note');
    try {
      const map = await getJson('map');
      view.map = map;
      view.loadedAt = Date.now();
      view.indexOf = new Map(map.items.map((p, i) => [p.item, i]));
      assignColours(map.items);
      const share = map.explainedVariance.map(v => `${(100 * v).toFixed(1)} %`).join(' and ');
      note.textContent = `${map.items.length.toLocaleString('en')} most frequent items of model ` +
        `${map.modelVersion}, on their first two principal axes (${share} of the variance)`;
    } catch (error) {
      note.textContent = `No map: ${error.message}`;
    } finally {
      view.loading = false;
    }
    draw();
  }

  // The point under the mouse, if one is within HOVER_RADIUS pixels.
  function pointAt(event) {
    const box = canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    let nearest = -1;
    let best = HOVER_RADIUS * HOVER_RADIUS;
    for (let i = 0; i < view.positions.length / 2; i++) {
      const dx = view.positions[2 * i] - x;
      const dy = view.positions[2 * i + 1] - y;
      const distance = dx * dx + dy * dy;
      if (distance <= best) {
        best = distance;
        nearest = i;
      }
    }
    return {index: nearest, x, y};
  }

  canvas.addEventListener('mousemove', event => {
    const {index, x, y} = pointAt(event);
    if (index < 0) {
      tooltip.hidden = true;
      return;
    }
    const p = view.map.items[index];
    tooltip.textContent = `${p.item} · ${p.market == null ? 'no market' : p.market} · seen ${p.count.toLocaleString('en')} times`;
    tooltip.dataset.item = p.item;
    tooltip.style.left = `${x + 12}px`;
    tooltip.style.top = `${y + 12}px`;
    tooltip.hidden = false;
  });
  canvas.addEventListener('mouseleave', () => {
    tooltip.hidden = true;
  });
  canvas.addEventListener('click', event => {
    const {index} = pointAt(event);
    if (index >= 0) {
      recommend(view.map.items[index].item);
    }
  });

  function showMessage(text) {
    message.textContent = text;
    message.hidden = text == null;
  }

  function showResults(answer) {
    document.getElementById('query-item').textContent = answer.item;
    document.getElementById('results-version').textContent = answer.modelVersion +
      (answer.coldStart ? ` · no embedding yet: from ${answer.coldStartPeers.join(', ')}` : '');
    const list = document.getElementById('recommendations');
    list.replaceChildren(...answer.recommendations.map(r => {
      const li = document.createElement('li');
      li.dataset.item = r.item;
      const item = document.createElement('span');
      item.className = 'item';
      item.textContent = r.item;
      const score = document.createElement('span');
      score.className = 'score';
      score.textContent = r.score.toFixed(3);
      li.append(item, score);
      if (!view.indexOf.has(r.item)) {
        const offMap = document.createElement('span');
        offMap.className = 'off-map';
        offMap.textContent = ' (not on the map)';
        li.append(offMap);
      }
      li.addEventListener('click', () => recommend(r.item));
      return li;
    }));
    results.hidden = false;
  }

  async function recommend(item) {
    query.value = item;
    try {
      const answer = await getJson(`recommend?item=${encodeURIComponent(item)}`);
      view.query = answer.item;
      view.recommended = new Map(answer.recommendations.map((r, i) => [r.item, i + 1]));
      showMessage(null);
      showResults(answer);
    } catch (error) {
      view.query = null;
      view.recommended = new Map();
      results.hidden = true;
      showMessage(error.message);
    }
    draw();
  }

  document.getElementById('search').addEventListener('submit', event => {
    event.preventDefault();
    const item = query.value.trim();
    if (item) {
      recommend(item);
    }
  });

  function ago(instant) {
    const seconds = Math.max(0, (Date.now() - Date.parse(instant)) / 1000);
    if (seconds < 60) {
      return `${Math.round(seconds)} s ago`;
    }
    if (seconds < 3600) {
      return `${Math.round(seconds / 60)} min ago`;
    }
    if (seconds < 86400) {
      return `${Math.round(seconds / 3600)} h ago`;
    }
    return new Date(instant).toLocaleDateString('en');
  }

  function show(id, text) {
    document.getElementById(id).textContent = text;
  }

  async function refreshStatus() {
    try {
      const status = await getJson('status');
      // The live model's version is its kind already: "live", not "live (live)".
      show('model-version', !status.modelVersion ? 'none yet'
        : status.modelVersion === status.modelKind ? status.modelVersion
        : `${status.modelVersion} (${status.modelKind})`);
      show('vocabulary', status.vocabularySize.toLocaleString('en'));
      show('events-rate', status.eventsPerSecond.toLocaleString('en', {maximumFractionDigits: 1}));
      show('last-retrain', status.lastRetrain
        ? `${status.lastRetrain.version}, ${ago(status.lastRetrain.createdAt)}` : 'none');
      const changed = status.modelVersion && (!view.map || view.map.modelVersion !== status.modelVersion);
      const liveAndOld = status.modelKind === 'live' && Date.now() - view.loadedAt > LIVE_MAP_REFRESH_MS;
      if (changed || liveAndOld) {
        loadMap();
      }
    } catch (error) {
      show('model-version', 'unreachable');
    } finally {
      setTimeout(refreshStatus, STATUS_POLL_MS);
    }
  }

  // What a test or a curious user can ask the page: where an item is drawn, in CSS pixels of the canvas.
  window.embeddingMap = {
    positionOf(item) {
      const i = view.indexOf.get(item);
      return i === undefined ? null : {x: view.positions[2 * i], y: view.positions[2 * i + 1]};
    },
  };

  window.addEventListener('resize', draw);
  loadMap();
  refreshStatus();
})();
