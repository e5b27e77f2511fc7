-- Drives dockguard's language server from Neovim 0.7 (Debian's), a second LSP client that shares
-- no code with VS Code: attach to the current buffer over stdio, wait for the expected diagnostic,
-- ask for code actions on it, apply the chosen one, and wait until the diagnostic is gone.
-- Neovim 0.7 has no pull diagnostics, so this also proves the server's push path.
--
-- Parameters come from the environment (set by ../src/nvim/nvim.ts, which judges the results):
--   DOCKGUARD_LSP_CMD      JSON array: the server command line
--   DOCKGUARD_EXPECT_CODE  the rule id to wait for, e.g. DG101
--   DOCKGUARD_ACTION       plain-text substring of the code action title to apply
--   DOCKGUARD_TIMEOUT_MS   how long each wait may take
-- Every step prints one JSON line on stdout; the last is {"step":"done"} or {"step":"error",...}.
-- Uses the 0.7 API only: vim.lsp.start_client (vim.lsp.start arrived in 0.8).

local function emit(step, fields)
  local record = fields or {}
  record.step = step
  io.stdout:write(vim.json.encode(record) .. '\n')
  io.stdout:flush()
end

local function finish(code)
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop(true)
  end
  vim.cmd((code == 0 and 'qa!') or 'cquit! ' .. code)
end

local function fail(message)
  emit('error', { message = message })
  finish(1)
end

local function env(name)
  local value = os.getenv(name)
  if not value or value == '' then
    error(name .. ' is not set')
  end
  return value
end

local ok, err = pcall(function()
  local cmd = vim.json.decode(env('DOCKGUARD_LSP_CMD'))
  local expected_code = env('DOCKGUARD_EXPECT_CODE')
  local wanted_action = env('DOCKGUARD_ACTION')
  local timeout = tonumber(os.getenv('DOCKGUARD_TIMEOUT_MS') or '20000')

  local bufnr = vim.api.nvim_get_current_buf()
  local file = vim.api.nvim_buf_get_name(bufnr)
  local root = vim.fn.fnamemodify(file, ':p:h')
  emit('open', { file = file, filetype = vim.bo[bufnr].filetype, nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) })

  -- The raw LSP diagnostics of the last publish, as the server sent them: the code action request
  -- must carry them in its context (with `data`, where the server keeps the fixes).
  local published = nil
  local publish_count = 0
  local client_id = vim.lsp.start_client({
    name = 'dockguard',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'fixture' } },
    flags = { debounce_text_changes = 0 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        if result and result.uri == vim.uri_from_bufnr(bufnr) then
          published = result.diagnostics
          publish_count = publish_count + 1
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      if code ~= 0 then
        emit('server-exit', { code = code, signal = signal })
      end
    end,
  })
  if not client_id then
    return fail('vim.lsp.start_client returned nil')
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local function find(code)
    for _, diagnostic in ipairs(published or {}) do
      if diagnostic.code == code then
        return diagnostic
      end
    end
    return nil
  end
  local function codes()
    local list = {}
    for _, diagnostic in ipairs(published or {}) do
      table.insert(list, diagnostic.code)
    end
    return list
  end

  if not vim.wait(timeout, function() return find(expected_code) ~= nil end, 10) then
    return fail('no ' .. expected_code .. ' diagnostic within ' .. timeout .. ' ms; saw ' .. vim.json.encode(codes()))
  end
  local target = find(expected_code)
  emit('diagnostics', {
    codes = codes(),
    source = target.source,
    severity = target.severity,
    range = target.range,
    message = target.message,
    href = target.codeDescription and target.codeDescription.href or vim.NIL,
  })

  local response, request_err = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = target.range,
    context = { diagnostics = { target }, only = { 'quickfix' } },
  }, timeout, bufnr)
  if not response or response.err then
    return fail('codeAction failed: ' .. vim.inspect(request_err or (response and response.err)))
  end
  local actions = response.result or {}
  local titles = {}
  local chosen = nil
  for _, action in ipairs(actions) do
    table.insert(titles, action.title)
    if not chosen and action.title and string.find(action.title, wanted_action, 1, true) then
      chosen = action
    end
  end
  emit('actions', { titles = titles })
  if not chosen then
    return fail('no code action containing "' .. wanted_action .. '"')
  end
  if not chosen.edit and not chosen.command then
    local resolved = client.request_sync('codeAction/resolve', chosen, timeout, bufnr)
    if not resolved or resolved.err then
      return fail('codeAction/resolve failed: ' .. vim.inspect(resolved and resolved.err))
    end
    chosen = resolved.result
  end
  if not chosen.edit then
    return fail('the chosen action has no workspace edit: ' .. vim.inspect(chosen))
  end
  local before_publishes = publish_count
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  emit('applied', { title = chosen.title, isPreferred = chosen.isPreferred or false })

  -- The edit triggers didChange; wait for a publish made after it that no longer has the code.
  if not vim.wait(timeout, function() return publish_count > before_publishes and find(expected_code) == nil end, 10) then
    return fail(expected_code .. ' still reported ' .. timeout .. ' ms after the fix; saw ' .. vim.json.encode(codes()))
  end
  emit('cleared', {
    codes = codes(),
    text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n',
  })
  emit('done')
  finish(0)
end)
if not ok then
  fail(tostring(err))
end
