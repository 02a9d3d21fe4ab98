-- Neovim 0.7 (Debian) as a client of the Group Records language server: open a record, wait for
-- the diagnostics the server pushes (0.7 cannot pull), ask for completion and hover, and write what
-- arrived as JSON for test/e2e/nvim/neovim.test.ts to assert. Inputs come from the environment.
local env = vim.env
local out = {}
local function finish(code)
  local f = assert(io.open(env.GR_OUT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd((code == 0) and 'qall!' or 'cquit!')
end

local ok, err = pcall(function()
  out.nvim = vim.version()
  local pushed = {}
  local client_id = vim.lsp.start_client({
    name = 'group-records',
    cmd = { env.GR_NODE, env.GR_SERVER, '--stdio' },
    root_dir = env.GR_ROOT,
    workspace_folders = { { uri = vim.uri_from_fname(env.GR_ROOT), name = 'sample' } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        pushed[result.uri] = result.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'start_client failed')

  vim.cmd('edit ' .. vim.fn.fnameescape(env.GR_FILE))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'
  vim.lsp.buf_attach_client(buf, client_id)
  local uri = vim.uri_from_bufnr(buf)

  assert(vim.wait(15000, function() return pushed[uri] ~= nil and #pushed[uri] > 0 end, 20), 'no diagnostics pushed')
  out.codes = vim.tbl_map(function(d) return d.code end, pushed[uri])
  -- What Neovim itself shows: its diagnostic store, filled by the default handler.
  out.shown = vim.tbl_map(function(d) return { lnum = d.lnum, severity = d.severity, message = d.message } end, vim.diagnostic.get(buf))

  -- Completion after "@" at the end of the note (member ids from group.yaml).
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { '', 'Check in with @' })
  local line = vim.api.nvim_buf_line_count(buf) - 1
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
    textDocument = { uri = uri }, position = { line = line, character = 15 },
    context = { triggerKind = 2, triggerCharacter = '@' },
  }, 10000)
  out.completion = {}
  for _, r in pairs(res or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do table.insert(out.completion, item.label) end
  end

  -- Hover on the first "## " heading.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, l in ipairs(lines) do
    if l:match('^## ') then
      local h = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = i - 1, character = 4 } }, 10000)
      for _, r in pairs(h or {}) do
        if r.result and r.result.contents then out.hover = r.result.contents.value or vim.inspect(r.result.contents) end
      end
      break
    end
  end

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)

if not ok then out.error = tostring(err) end
finish(ok and 0 or 1)
