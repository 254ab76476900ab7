/// The Lua scripts that make `put`, `delete` and `list` atomic on the server. "Now" is Redis's own
/// `TIME` when `ARGV[1]` is `s` (server clock: hosts with skewed clocks agree), or the caller's
/// `ARGV[2]` milliseconds otherwise (a test's manual clock).
///
/// JS equivalent: none.
enum RedisScripts {
    /// One script's source; Redis caches it by its SHA-1 after the first `SCRIPT LOAD`.
    struct Script: Sendable {
        let source: String
    }

    /// Shared prelude: `rnow` (Redis's clock) and `now` (the clock expiry is judged by) in ms, and `sweep(n)`, which removes up to `n` expired keys from the
    /// index and the expiry set (and deletes their entries, in case Redis has not yet).
    static let prelude = """
        local t = redis.call('TIME')
        local rnow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local now = rnow
        if ARGV[1] ~= 's' then now = tonumber(ARGV[2]) end
        local function sweep(index, expiry, prefix, n)
          local gone = redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, n)
          for _, k in ipairs(gone) do
            redis.call('DEL', prefix .. k)
            redis.call('ZREM', index, k)
            redis.call('ZREM', expiry, k)
          end
        end

        """

    /// KEYS: entry, index, expiry. ARGV: clock, callerNow, key, value, lifetime ms for Redis's own
    /// expiry (`''` = none), caller expiration ms (`''` = never), metadata, has metadata (`1`/`0`),
    /// entry prefix. Replaces value, metadata and expiration at once; with the server clock the
    /// stored expiration is Redis's `now` + lifetime. Sweeps up to 10 expired index members.
    static let put = Script(
        source: prelude + """
            sweep(KEYS[2], KEYS[3], ARGV[9], 10)
            redis.call('DEL', KEYS[1])
            local expiration = ARGV[6]
            if ARGV[5] ~= '' and ARGV[1] == 's' then
              expiration = string.format('%.0f', rnow + tonumber(ARGV[5]))
            end
            if expiration ~= '' then
              redis.call('ZADD', KEYS[3], tonumber(expiration), ARGV[3])
            else
              redis.call('ZREM', KEYS[3], ARGV[3])
            end
            if ARGV[8] == '1' then
              redis.call('HSET', KEYS[1], 'v', ARGV[4], 'e', expiration, 'm', ARGV[7])
            else
              redis.call('HSET', KEYS[1], 'v', ARGV[4], 'e', expiration)
            end
            if ARGV[5] ~= '' then
              redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', rnow + tonumber(ARGV[5]) - 1))
            end
            redis.call('ZADD', KEYS[2], 0, ARGV[3])
            return 1
            """)

    /// KEYS: entry, index, expiry. ARGV: clock, callerNow, key.
    static let delete = Script(
        source: prelude + """
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[3])
            redis.call('ZREM', KEYS[3], ARGV[3])
            return 1
            """)

    /// KEYS: index, expiry. ARGV: clock, callerNow, entry prefix, lower bound (`[x`, `(x`), upper
    /// bound (`(y` or `+`), limit. Sweeps up to 1000 expired members, then returns up to `limit` live
    /// keys as a flat array `name, metadata or nil, expiration or ''`.
    static let list = Script(
        source: prelude + """
            sweep(KEYS[1], KEYS[2], ARGV[3], 1000)
            local limit = tonumber(ARGV[6])
            local out = {}
            local found = 0
            local lower = ARGV[4]
            while found < limit do
              local want = limit - found
              local batch = redis.call('ZRANGEBYLEX', KEYS[1], lower, ARGV[5], 'LIMIT', 0, want)
              for _, k in ipairs(batch) do
                local fields = redis.call('HMGET', ARGV[3] .. k, 'm', 'e')
                local e = fields[2]
                if not e then
                  redis.call('ZREM', KEYS[1], k)
                elseif e == '' or tonumber(e) > now then
                  found = found + 1
                  out[#out + 1] = k
                  out[#out + 1] = fields[1]
                  out[#out + 1] = e
                end
              end
              if #batch < want then break end
              lower = '(' .. batch[#batch]
            end
            return out
            """)
}
