// Draws the search report from the JSON in #kubenas-report-data (shaped by io.kubenas.trainer.report.SearchReport).
// Text from the data reaches the page only as textContent, canvas text or escaped tooltip HTML, never as markup.
// Each chart's box gets data-rendered-points once ECharts has finished drawing it, and the body gets
// data-charts-rendered once every chart has: what the browser test reads back.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('kubenas-report-data').textContent);
  var main = document.getElementById('report');
  var charts = [];
  var expected = 0;
  var rendered = 0;
  var allDrawn = false;

  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function compact(n) {
    if (n === null || n === undefined) {
      return '–';
    }
    var units = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(n) >= units[i][0]) {
        return (n / units[i][0]).toFixed(n / units[i][0] >= 100 ? 0 : 1) + units[i][1];
      }
    }
    return String(n);
  }

  function percent(a) {
    return a === null || a === undefined ? '–' : (100 * a).toFixed(2) + '%';
  }

  function section(title, note) {
    var s = element('section');
    s.appendChild(element('h2', title));
    if (note) {
      s.appendChild(element('p', note, 'note'));
    }
    main.appendChild(s);
    return s;
  }

  function chartDrawn(box, chart) {
    var series = chart.getOption().series || [];
    var points = series.reduce(function (n, s) {
      return n + (Array.isArray(s.data) ? s.data.length : 0);
    }, 0);
    box.setAttribute('data-rendered-points', String(points));
    rendered++;
    if (allDrawn && rendered === expected) {
      document.body.setAttribute('data-charts-rendered', String(rendered));
    }
  }

  function draw(parent, name, height, option) {
    var box = element('div', null, 'chart');
    box.setAttribute('data-chart', name);
    box.style.height = height + 'px';
    parent.appendChild(box);
    var chart = echarts.init(box, null, {renderer: 'canvas'});
    expected++;
    var first = true;
    chart.on('finished', function () {
      if (first) {
        first = false;
        chartDrawn(box, chart);
      }
    });
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
    return chart;
  }

  function table(parent, headers, rows, rowClass) {
    var t = element('table');
    var head = element('tr');
    headers.forEach(function (h) {
      head.appendChild(element('th', h));
    });
    t.appendChild(head);
    rows.forEach(function (row, i) {
      var tr = element('tr', null, rowClass ? rowClass(i) : null);
      row.forEach(function (cell) {
        tr.appendChild(element('td', cell, typeof cell === 'number' ? 'number' : null));
      });
      t.appendChild(tr);
    });
    parent.appendChild(t);
  }

  function summary(s) {
    var box = section('Summary');
    var rows = [
      ['search', s.search],
      ['strategy', s.strategy],
      ['dataset', s.dataset],
      ['epochs done', s.epochsDone + (s.totalEpochs ? ' of ' + s.totalEpochs : '')],
      ['best validation accuracy', percent(s.bestValidationAccuracy)],
      ['test accuracy of the child', percent(s.testAccuracy)],
      ['target accuracy', s.targetAccuracy === undefined ? 'none' : percent(s.targetAccuracy)],
      ['device-hours used', (s.deviceSecondsUsed / 3600).toFixed(4) + (s.deviceSecondsLimit ? ' of ' + (s.deviceSecondsLimit / 3600).toFixed(4) : '')],
      ['child', s.ops ? s.ops.join(' ') : 'not exported yet'],
      ['child parameters', s.parameters === undefined ? '–' : s.parameters.toLocaleString('en-US')],
      ['child FLOPs per image', compact(s.flops)]
    ];
    table(box, ['', ''], rows);
  }

  function alphaChart(a) {
    var box = section('Architecture distribution over epochs',
        'softmax(α) of every candidate of every layer at each epoch end; ★ marks the candidate the child took, a pin the epoch from which early fixing fixed the layer.');
    var labels = a.rows.map(function (r) {
      return (r.winner ? '★ ' : '') + r.label;
    });
    draw(box, 'alpha', Math.max(220, 18 * a.rows.length + 110), {
      tooltip: {
        formatter: function (p) {
          var row = a.rows[p.value[1]];
          var epoch = a.epochs[p.value[0]];
          if (p.seriesType === 'heatmap') {
            return escapeHtml(row.label + ', epoch ' + epoch + ': p = ' + p.value[2].toFixed(4));
          }
          return escapeHtml(row.label + ': fixed from epoch ' + epoch);
        }
      },
      grid: {left: 160, right: 100, top: 20, bottom: 60},
      xAxis: {type: 'category', name: 'epoch', nameLocation: 'middle', nameGap: 28, data: a.epochs.map(String), splitArea: {show: true}},
      yAxis: {type: 'category', data: labels, inverse: true, axisLabel: {fontSize: 11}},
      visualMap: {min: 0, max: 1, calculable: true, right: 10, top: 'middle', seriesIndex: 0, text: ['p = 1', '0'],
        inRange: {color: ['#f7fbff', '#6baed6', '#08306b']}},
      series: [
        {name: 'probability', type: 'heatmap', data: a.cells},
        {name: 'fixed', type: 'scatter', data: a.fixes, symbol: 'pin', symbolSize: 22, itemStyle: {color: '#cf222e'}, z: 3}
      ]
    });
  }

  function accuracyChart(c) {
    var box = section('Validation accuracy against device-hours',
        'The derived child on validation data at each epoch end; dashed: the target accuracy and the budget limit. Drag or scroll to zoom.');
    var last = c.points[c.points.length - 1][0];
    var marks = [{xAxis: c.budgetDeviceHours, name: 'budget limit'}];
    if (c.targetAccuracy !== undefined) {
      marks.push({yAxis: c.targetAccuracy, name: 'target'});
    }
    var series = [{
      name: 'validation accuracy', type: 'line', data: c.points, symbolSize: 6,
      markLine: {symbol: 'none', lineStyle: {type: 'dashed', color: '#cf222e'}, label: {formatter: '{b}: {c}'}, data: marks}
    }];
    if (c.test) {
      series.push({name: 'test accuracy of the exported child', type: 'scatter', data: [c.test], symbol: 'diamond', symbolSize: 14});
    }
    draw(box, 'accuracy', 360, {
      legend: {top: 4},
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var epoch = p.value.length > 2 ? ', epoch ' + p.value[2] : '';
          return escapeHtml(p.seriesName + ': ' + percent(p.value[1]) + ' at ' + p.value[0].toFixed(4) + ' device-hours' + epoch);
        }
      },
      grid: {left: 60, right: 80, top: 40, bottom: 80},
      xAxis: {type: 'value', name: 'device-hours', nameLocation: 'middle', nameGap: 26, min: 0, max: Math.max(c.budgetDeviceHours, last) * 1.05},
      yAxis: {type: 'value', name: 'accuracy', min: 0, max: 1},
      dataZoom: [{type: 'inside', filterMode: 'none'}, {type: 'slider', filterMode: 'none', bottom: 8}],
      series: series
    });
  }

  function trainingChart(t) {
    var box = section('Training loss and throughput', 'Mean training loss of each epoch (left) and training images per second (right).');
    var lastEpoch = t.points[t.points.length - 1][0];
    var loss = {name: 'training loss', type: 'line', data: t.points.map(function (p) { return [p[0], p[1]]; }), symbolSize: 6};
    if (t.childPhaseFrom !== undefined) {
      loss.markArea = {itemStyle: {color: 'rgba(31, 136, 61, 0.08)'}, label: {formatter: 'child phase'},
        data: [[{xAxis: t.childPhaseFrom - 0.5}, {xAxis: lastEpoch + 0.5}]]};
    }
    var throughput = t.points.filter(function (p) { return p[2] !== null && p[2] !== undefined; })
        .map(function (p) { return [p[0], p[2]]; });
    draw(box, 'training', 320, {
      legend: {top: 4},
      tooltip: {trigger: 'axis'},
      grid: {left: 60, right: 70, top: 40, bottom: 50},
      xAxis: {type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26, min: 0.5, max: lastEpoch + 0.5, minInterval: 1},
      yAxis: [{type: 'value', name: 'loss', scale: true}, {type: 'value', name: 'images/s', scale: true, splitLine: {show: false}}],
      series: [loss, {name: 'images/s', type: 'line', yAxisIndex: 1, data: throughput, symbolSize: 6, lineStyle: {type: 'dotted'}}]
    });
  }

  function childChart(c) {
    var box = section('The exported child',
        'Block by block from input to classifier: operation, channels, stride, resolution, parameters and FLOPs (multiply-accumulates per image).');
    var colours = {stem: '#6e7781', tail: '#6e7781', classifier: '#8250df'};
    var nodes = c.blocks.map(function (b, i) {
      var colour = colours[b.name] || (b.op.indexOf('xception') === 0 ? '#bf3989' : b.op.indexOf('7x7') > 0 ? '#0550ae'
          : b.op.indexOf('5x5') > 0 ? '#0969da' : '#54aeff');
      return {
        name: b.name, x: 0, y: i, value: b.flops, symbol: 'roundRect', symbolSize: [460, 44], itemStyle: {color: colour},
        label: {
          show: true, color: '#fff', lineHeight: 16,
          formatter: b.name + ' · ' + b.op + '\n' + b.inChannels + '→' + b.outChannels + ' ch, stride ' + b.stride + ', '
              + b.inputSize + '→' + b.outputSize + ' px · ' + compact(b.parameters) + ' params · ' + compact(b.flops) + ' FLOPs'
        },
        block: b
      };
    });
    var links = c.blocks.slice(1).map(function (b, i) {
      return {source: c.blocks[i].name, target: b.name};
    });
    draw(box, 'child', 58 * c.blocks.length + 40, {
      tooltip: {
        formatter: function (p) {
          if (p.dataType !== 'node') {
            return '';
          }
          var b = p.data.block;
          return escapeHtml(b.name + ' (' + b.op + '): ' + b.parameters.toLocaleString('en-US') + ' parameters, '
              + b.flops.toLocaleString('en-US') + ' FLOPs');
        }
      },
      series: [{
        type: 'graph', layout: 'none', data: nodes, links: links, roam: false, top: 30, bottom: 30,
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8, lineStyle: {color: '#6e7781', width: 2}
      }]
    });
    box.appendChild(element('p', 'In total ' + c.parameters.toLocaleString('en-US') + ' parameters and '
        + c.flops.toLocaleString('en-US') + ' FLOPs per image.', 'note'));
  }

  function pruningChart(p) {
    var box = section('TE-NAS pruning rounds',
        'Every scored candidate by Δκ (the NTK condition number\'s relative drop when it is removed) and ΔR (the linear regions lost); '
        + 'triangles were pruned in that round. Ranks: Δκ descending, ΔR ascending; the lowest sum per layer is pruned.');
    var series = p.rounds.map(function (r) {
      return {
        name: 'round ' + r.round, type: 'scatter', symbolSize: 11,
        data: r.candidates.map(function (c) {
          return {value: [c.ntkDelta, c.regionsDelta], name: 'L' + c.layer + ' ' + c.candidate, symbol: c.pruned ? 'triangle' : 'circle',
            symbolSize: c.pruned ? 16 : 10, score: c};
        })
      };
    });
    draw(box, 'pruning', 380, {
      legend: {top: 4},
      tooltip: {
        formatter: function (q) {
          var c = q.data.score;
          return escapeHtml('round ' + c.round + ', ' + q.name + ': Δκ ' + c.ntkDelta.toFixed(4) + ' (rank ' + c.ntkRank + '), ΔR '
              + c.regionsDelta.toFixed(4) + ' (rank ' + c.regionsRank + '), sum ' + c.rankSum + (c.pruned ? ', pruned' : ', kept'));
        }
      },
      grid: {left: 70, right: 40, top: 40, bottom: 50},
      // A tenth of the data's range on each side, so the points at the edges are drawn whole.
      xAxis: {type: 'value', name: 'Δκ', nameLocation: 'middle', nameGap: 26, scale: true, boundaryGap: ['10%', '10%']},
      yAxis: {type: 'value', name: 'ΔR', scale: true, boundaryGap: ['10%', '10%']},
      series: series
    });
    var rows = [];
    p.rounds.forEach(function (r) {
      r.candidates.forEach(function (c) {
        rows.push([c.round, c.layer, c.candidate, Number(c.ntkDelta.toFixed(6)), c.ntkRank, Number(c.regionsDelta.toFixed(6)), c.regionsRank,
          c.rankSum, c.pruned ? 'pruned' : 'kept']);
      });
    });
    var flat = [];
    p.rounds.forEach(function (r) { flat = flat.concat(r.candidates); });
    var details = element('details');
    details.appendChild(element('summary', 'Every candidate\'s scores (' + rows.length + ')'));
    box.appendChild(details);
    table(details, ['round', 'layer', 'candidate', 'Δκ', 'Δκ rank', 'ΔR', 'ΔR rank', 'rank sum', ''], rows,
        function (i) { return flat[i].pruned ? 'pruned' : null; });
    box.appendChild(element('p', 'Survivors: ' + p.survivors.map(function (kept, layer) {
      return 'L' + layer + ' ' + kept.join('/');
    }).join(', ') + (p.seconds !== undefined ? ' (pruned in ' + p.seconds.toFixed(1) + ' s)' : ''), 'note'));
  }

  function confusionChart(c) {
    var box = section('Confusion matrix of the exported child',
        c.images.toLocaleString('en-US') + ' images of the ' + c.split + ' split; accuracy ' + percent(c.accuracy) + '. Rows: true class, columns: predicted.');
    draw(box, 'confusion', Math.max(300, 34 * c.classes.length + 120), {
      tooltip: {
        formatter: function (p) {
          return escapeHtml('true ' + c.classes[p.value[1]] + ', predicted ' + c.classes[p.value[0]] + ': ' + p.value[2]);
        }
      },
      grid: {left: 120, right: 100, top: 20, bottom: 90},
      xAxis: {type: 'category', data: c.classes, name: 'predicted', nameLocation: 'middle', nameGap: 70, axisLabel: {rotate: 30, interval: 0}},
      yAxis: {type: 'category', data: c.classes, inverse: true, axisLabel: {interval: 0}},
      visualMap: {min: 0, max: Math.max(1, c.maxCount), calculable: true, right: 10, top: 'middle', inRange: {color: ['#ffffff', '#fdae6b', '#a63603']}},
      series: [{name: 'images', type: 'heatmap', data: c.cells, label: {show: true, fontSize: 10}}]
    });
  }

  function timelineChart(t) {
    var box = section('Checkpoint timeline', 'When each checkpoint was written, with the attempts (and what each resumed from), stage changes and early fixing.');
    var series = t.lanes.map(function (lane, index) {
      return {
        name: lane, type: 'scatter', symbolSize: index === 3 ? 12 : 10, symbol: index === 3 ? 'rect' : 'circle',
        data: t.events.filter(function (e) { return e.lane === index; }).map(function (e) {
          return {value: [e.time, lane], text: e.label, detail: e.detail};
        })
      };
    });
    draw(box, 'timeline', 260, {
      legend: {top: 4},
      tooltip: {
        formatter: function (p) {
          return escapeHtml(p.data.text + ' — ' + p.data.detail + ' — ' + p.value[0]);
        }
      },
      grid: {left: 100, right: 40, top: 40, bottom: 60},
      xAxis: {type: 'time', name: 'time', nameLocation: 'middle', nameGap: 30},
      yAxis: {type: 'category', data: t.lanes, inverse: true},
      dataZoom: [{type: 'inside', filterMode: 'none'}],
      series: series
    });
  }

  function missing(text) {
    main.appendChild(element('p', text, 'missing'));
  }

  summary(data.summary);
  if (data.alpha) { alphaChart(data.alpha); } else { missing('No epoch has finished yet: the architecture distribution appears after the first.'); }
  if (data.accuracy) { accuracyChart(data.accuracy); }
  if (data.training) { trainingChart(data.training); }
  if (data.child) { childChart(data.child); } else { missing('No child exported yet: its diagram and confusion matrix appear once the search exports it.'); }
  if (data.pruning) { pruningChart(data.pruning); }
  if (data.confusion) { confusionChart(data.confusion); }
  if (data.timeline) { timelineChart(data.timeline); }
  document.body.setAttribute('data-charts-expected', String(expected));
  allDrawn = true;
  if (rendered === expected) {
    document.body.setAttribute('data-charts-rendered', String(rendered));
  }
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
