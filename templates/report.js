// The report's only script: pages, filters and sorts the device list from the JSON island
// (layout documented in src/report/view.ts), sorts tables, and lays every device out for print.
// It builds elements with textContent only: device text never becomes markup.
/* global document, window, requestAnimationFrame, setTimeout, clearTimeout, Element */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var island = document.getElementById("atalaya-devices");
  var list = document.getElementById("dev-list");
  var data = null;
  var state = { q: "", filter: "all", sort: "group", page: 0 };
  var order = null;
  var haystack = null;
  var printing = false;
  var pinned = false;
  var nf = new Intl.NumberFormat(root.lang);

  function load() {
    if (!data && island) data = JSON.parse(island.textContent);
    return data;
  }
  function S(i) {
    return data.s[i];
  }
  function msg(key, params) {
    var text = data.m[key];
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return params && name in params ? params[name] : whole;
    });
  }
  function plural(key, n) {
    return msg(key + (n === 1 ? ".one" : ".other"), { count: nf.format(n) });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // Device tuple positions (see view.ts).
  var ID = 0,
    IP = 1,
    MAC = 2,
    HOSTS = 3,
    GROUP = 4,
    OWNER = 5,
    MAKER = 6,
    MODEL = 7,
    FW = 8,
    TYPE = 9,
    CAPS = 10,
    CONF = 11,
    PORTS = 12,
    EVIDENCE = 13,
    FINDINGS = 14,
    FLAGS = 15,
    PRIO = 16,
    SEV = 17,
    ORD = 18,
    CONFN = 19;

  function searchText(d) {
    var parts = [
      d[ID],
      d[IP],
      d[MAC],
      d[HOSTS],
      S(data.g[d[GROUP]][0]),
      S(data.g[d[GROUP]][1]),
      S(d[OWNER]),
      S(d[MAKER]),
      S(d[MODEL]),
      S(d[FW]),
      S(d[TYPE]),
      S(d[CAPS]),
    ];
    d[PORTS].forEach(function (p) {
      parts.push(S(p));
    });
    d[EVIDENCE].forEach(function (e) {
      parts.push(S(e[2]));
    });
    d[FINDINGS].forEach(function (f) {
      parts.push(data.f[f[0]][0], S(data.f[f[0]][1]));
    });
    return parts.join("\n").toLowerCase();
  }

  function matches(i) {
    var d = data.d[i];
    var f = state.filter;
    if (f === "findings" && !(d[FLAGS] & 8)) return false;
    if (f === "kev" && !(d[FLAGS] & 4)) return false;
    if (f === "covered" && !(d[FLAGS] & 1)) return false;
    if (f === "face" && !(d[FLAGS] & 2)) return false;
    if (f.charAt(0) === "f" && f.charAt(1) === ":") {
      var want = Number(f.slice(2));
      if (
        !d[FINDINGS].some(function (x) {
          return x[0] === want;
        })
      )
        return false;
    }
    if (f.charAt(0) === "a" && f.charAt(1) === ":" && !actionSet(Number(f.slice(2)))[i])
      return false;
    if (state.q) {
      if (!haystack) haystack = data.d.map(searchText);
      if (haystack[i].indexOf(state.q) < 0) return false;
    }
    return true;
  }

  var actionSets = {};
  function actionSet(n) {
    if (!actionSets[n]) {
      var set = {};
      (data.a[n] ? data.a[n][1] : []).forEach(function (i) {
        set[i] = true;
      });
      actionSets[n] = set;
    }
    return actionSets[n];
  }

  function compute() {
    var ids = [];
    for (var i = 0; i < data.d.length; i++) if (matches(i)) ids.push(i);
    var D = data.d;
    if (state.sort === "priority") {
      ids.sort(function (a, b) {
        return D[b][PRIO] - D[a][PRIO] || D[b][SEV] - D[a][SEV] || a - b;
      });
    } else if (state.sort === "address") {
      ids.sort(function (a, b) {
        return D[a][ORD] - D[b][ORD];
      });
    } else if (state.sort === "confidence") {
      ids.sort(function (a, b) {
        return D[b][CONFN] - D[a][CONFN] || a - b;
      });
    }
    order = ids;
  }

  function dlRow(dl, label, value) {
    if (value === "" || value === null || value === undefined) return;
    dl.appendChild(el("dt", null, label));
    dl.appendChild(el("dd", null, value));
  }

  function table(headers) {
    var t = el("table");
    var tr = el("tr");
    headers.forEach(function (h) {
      var th = el("th", null, h);
      th.scope = "col";
      tr.appendChild(th);
    });
    t.appendChild(el("thead")).appendChild(tr);
    return { table: t, body: t.appendChild(el("tbody")) };
  }

  function evidenceText(e) {
    return S(e[1]) + " = " + S(e[2]) + " (" + S(e[3]) + ":" + e[4] + ")";
  }

  function card(i, open) {
    var d = data.d[i];
    var det = el("details", "device" + (d[SEV] >= 1 ? " top-" + d[SEV] : ""));
    if (open) det.open = true;
    var sum = el("summary");
    sum.appendChild(el("code", "addr", d[IP] || d[MAC] || d[ID]));
    var what = [S(d[MAKER]), S(d[MODEL])].filter(Boolean).join(" ");
    sum.appendChild(el("span", null, what || msg("unknown")));
    if (d[FW]) sum.appendChild(el("span", "muted", S(d[FW])));
    if (d[FLAGS] & 4) sum.appendChild(el("span", "chip chip-kev", msg("kev")));
    if (d[FLAGS] & 1) sum.appendChild(el("span", "chip chip-covered", msg("covered")));
    if (d[FLAGS] & 2) sum.appendChild(el("span", "chip", msg("face")));
    var n = d[FINDINGS].length;
    if (n) sum.appendChild(el("span", "muted", plural("findingCount", n)));
    det.appendChild(sum);
    var body = el("div", "body");
    var dl = el("dl");
    dlRow(dl, msg("mac"), d[MAC]);
    dlRow(dl, msg("hostnames"), d[HOSTS]);
    dlRow(dl, msg("owner"), S(d[OWNER]));
    dlRow(dl, msg("type"), S(d[TYPE]));
    dlRow(dl, msg("capabilities"), S(d[CAPS]));
    dlRow(dl, msg("confidence"), S(d[CONF]));
    dlRow(dl, msg("ports"), d[PORTS].map(S).join(", "));
    dlRow(dl, msg("id"), d[ID]);
    body.appendChild(dl);
    body.appendChild(el("h4", null, msg("findings")));
    if (!n) {
      body.appendChild(el("p", "muted", msg("noFindings")));
    } else {
      var ft = table([msg("finding"), msg("status"), msg("severity"), msg("ssvc"), msg("why")]);
      d[FINDINGS].forEach(function (f) {
        var type = data.f[f[0]];
        var tr = el("tr");
        var c = el("td");
        c.appendChild(el("code", null, type[0]));
        c.appendChild(el("div", "small", S(type[1])));
        tr.appendChild(c);
        tr.appendChild(el("td", "nowrap", S(f[1])));
        c = el("td");
        c.appendChild(
          el("span", "sev sev-" + ["info", "low", "medium", "high", "critical"][f[3]], S(f[2])),
        );
        tr.appendChild(c);
        c = el("td");
        c.appendChild(el("span", "ssvc " + S(f[5]), S(f[4]) || "—"));
        tr.appendChild(c);
        c = el("td", null, S(f[6]));
        f[7].forEach(function (e) {
          c.appendChild(el("div", "small muted", evidenceText(e)));
        });
        tr.appendChild(c);
        ft.body.appendChild(tr);
      });
      body.appendChild(el("div", "table-wrap")).appendChild(ft.table);
    }
    body.appendChild(el("h4", null, msg("evidence")));
    if (!d[EVIDENCE].length) {
      body.appendChild(el("p", "muted", msg("noEvidence")));
    } else {
      var et = table([msg("rule"), msg("field"), msg("value"), msg("source")]);
      d[EVIDENCE].forEach(function (e) {
        var tr = el("tr");
        tr.appendChild(el("td", null, S(e[0])));
        tr.appendChild(el("td", null, S(e[1])));
        tr.appendChild(el("td", null, S(e[2])));
        tr.appendChild(el("td", null, S(e[3]) + ":" + e[4]));
        et.body.appendChild(tr);
      });
      body.appendChild(el("div", "table-wrap")).appendChild(et.table);
    }
    det.appendChild(body);
    return det;
  }

  function fill(ids, open) {
    var frag = document.createDocumentFragment();
    var lastGroup = -1;
    ids.forEach(function (i) {
      var g = data.d[i][GROUP];
      if (state.sort === "group" && g !== lastGroup) {
        var G = data.g[g];
        frag.appendChild(
          el("h3", "group-h", S(G[0]) + " · " + S(G[1]) + " · " + plural("deviceCount", G[2])),
        );
        lastGroup = g;
      }
      frag.appendChild(card(i, open));
    });
    list.textContent = "";
    list.appendChild(frag);
  }

  function render() {
    if (printing) return;
    var size = Number(list.getAttribute("data-page-size")) || 50;
    var pages = Math.max(1, Math.ceil(order.length / size));
    state.page = Math.min(state.page, pages - 1);
    var from = state.page * size;
    var ids = order.slice(from, from + size);
    fill(ids, false);
    var count = document.getElementById("dev-count");
    count.textContent = order.length
      ? msg("showing", {
          from: nf.format(from + 1),
          to: nf.format(from + ids.length),
          total: nf.format(order.length),
        })
      : msg("noMatch");
    document.getElementById("dev-page").textContent =
      nf.format(state.page + 1) + " / " + nf.format(pages);
    document.getElementById("dev-prev").disabled = state.page === 0;
    document.getElementById("dev-next").disabled = state.page >= pages - 1;
  }

  function update() {
    compute();
    render();
  }

  /**
   * One line per device for large prints: a full card per device is millions of elements at
   * national scale, more than Chromium can lay out; the JSON and CSV carry every detail.
   */
  function compactTable(from, to) {
    var t = table([
      msg("address"),
      msg("group"),
      msg("device"),
      msg("firmware"),
      msg("confidence"),
      msg("findings"),
    ]);
    t.table.className = "print-compact";
    for (var i = from; i < to; i++) {
      var d = data.d[i];
      var G = data.g[d[GROUP]];
      var tr = document.createElement("tr");
      tr.appendChild(el("td", null, d[IP] || d[MAC] || d[ID]));
      tr.appendChild(el("td", null, S(G[0]) + " · " + S(G[1])));
      tr.appendChild(
        el("td", null, [S(d[MAKER]), S(d[MODEL])].filter(Boolean).join(" ") || msg("unknown")),
      );
      tr.appendChild(el("td", null, S(d[FW])));
      tr.appendChild(el("td", null, S(d[CONF])));
      tr.appendChild(
        el(
          "td",
          null,
          d[FINDINGS].map(function (f) {
            return data.f[f[0]][0] + (S(f[4]) ? " (" + S(f[4]) + ")" : "");
          }).join(", "),
        ),
      );
      t.body.appendChild(tr);
    }
    var note = el("p", "muted", msg("printCompact"));
    list.textContent = "";
    list.appendChild(note);
    list.appendChild(t.table);
  }

  /**
   * Every device, in the canonical site/subnet order, whatever page the screen shows. The PDF
   * printer of a national-scale report calls it once per part with a range of devices: one
   * Chromium print job cannot lay out 100,000 rows ("Printing failed"); `only` keeps just the
   * device list on the page for the parts after the first.
   */
  function printAll(from, to, only) {
    if (!list || !load()) return;
    if (printing && from === undefined) return;
    printing = true;
    // A range set by the PDF printer stays until the next one: the browser's own beforeprint and
    // afterprint events must not put the screen page back between two parts.
    pinned = from !== undefined;
    root.classList.toggle("print-devices-only", !!only);
    var limit = Number(list.getAttribute("data-print-cards")) || 2000;
    if (from !== undefined || data.d.length > limit) {
      return compactTable(
        from || 0,
        Math.min(to === undefined ? data.d.length : to, data.d.length),
      );
    }
    var all = [];
    for (var i = 0; i < data.d.length; i++) all.push(i);
    var sort = state.sort;
    state.sort = "group";
    fill(all, true);
    state.sort = sort;
  }
  function afterPrint() {
    if (!printing || pinned) return;
    printing = false;
    if (order) render();
  }

  function sortTable(th) {
    var table = th.closest("table");
    var body = table.tBodies[0];
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var key = function (tr) {
      var td = tr.children[col];
      var v = td.getAttribute("data-sort");
      if (v === null) v = td.textContent.trim();
      var num = Number(v.replace(/[^\d.,-]/g, "").replace(",", "."));
      return /^[\d.,\s%-]+$/.test(v) && v !== "" ? num : v.toLowerCase();
    };
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a),
        y = key(b);
      var c =
        typeof x === "number" && typeof y === "number"
          ? x - y
          : String(x).localeCompare(String(y), root.lang);
      return asc ? c : -c;
    });
    rows.forEach(function (r) {
      body.appendChild(r);
    });
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var th = t.closest(".sortable th");
    if (th) return sortTable(th);
    var show = t.closest(".show-devices");
    if (show && list && load()) {
      state.filter = show.getAttribute("data-filter");
      state.q = "";
      state.page = 0;
      var sel = document.getElementById("dev-filter");
      if (
        !Array.prototype.some.call(sel.options, function (o) {
          return o.value === state.filter;
        })
      ) {
        var o = el("option", null, show.closest("li, tr").querySelector("h3, code").textContent);
        o.value = state.filter;
        sel.appendChild(o);
      }
      sel.value = state.filter;
      document.getElementById("dev-q").value = "";
      update();
      document.getElementById("devices").scrollIntoView();
    }
  });

  function init() {
    if (!list || !load()) return;
    var q = document.getElementById("dev-q");
    var timer = 0;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.q = q.value.trim().toLowerCase();
        state.page = 0;
        update();
      }, 150);
    });
    document.getElementById("dev-filter").addEventListener("change", function (e) {
      state.filter = e.target.value;
      state.page = 0;
      update();
    });
    document.getElementById("dev-sort").addEventListener("change", function (e) {
      state.sort = e.target.value;
      state.page = 0;
      update();
    });
    document.getElementById("dev-prev").addEventListener("click", function () {
      state.page--;
      render();
    });
    document.getElementById("dev-next").addEventListener("click", function () {
      state.page++;
      render();
    });
    update();
    root.setAttribute("data-devices-ready", "");
  }

  // Not `printAll` itself: it would take the event for the first device of a range.
  window.addEventListener("beforeprint", function () {
    printAll();
  });
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    window.matchMedia("print").addEventListener("change", function (e) {
      if (e.matches) printAll();
      else afterPrint();
    });
  }
  window.atalayaPrintAll = printAll;
  window.atalayaDeviceCount = function () {
    return list && load() ? data.d.length : 0;
  };
  // Let the summary paint first: parsing a large island must not delay it.
  requestAnimationFrame(function () {
    setTimeout(init, 0);
  });
})();
