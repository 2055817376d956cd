// Shared by the build (compiled as an MSBuild inline task) and by the library (linked into src/Gtgm with
// GTGM_LIBRARY defined, so `gtgm doctor` can report the state). Keep it dependency-free.
//
// Why: libLibTorchSharp.so from TorchSharp 0.107.0 was linked with GCC 13 and declares a need for
// GLIBCXX_3.4.32 only because of `_ZSt21ios_base_library_initv`, a symbol it never relocates against.
// Debian 12 / Ubuntu 22.04 ship libstdc++ up to GLIBCXX_3.4.30, so the dynamic loader refuses the library.
// Pointing that one Elf64_Vernaux entry at GLIBCXX_3.4.18 (a version the library already needs, and every
// libstdc++ since GCC 4.8 provides) makes it load; nothing else in the file changes.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Gtgm.Platform
{
    /// <summary>What <see cref="LibstdcxxCompat"/> found or did to one shared library.</summary>
    public enum LibstdcxxCompatState
    {
        /// <summary>The library does not ask for the too-new version and was never rewritten.</summary>
        NotNeeded,
        /// <summary>The library asks for GLIBCXX_3.4.32 and has not been rewritten.</summary>
        Unpatched,
        /// <summary>The version-needed entry was rewritten (now or earlier).</summary>
        Patched,
        /// <summary>The file is not a 64-bit little-endian ELF with a version-needs section.</summary>
        NotElf,
    }

    /// <summary>Reads and rewrites the GNU version-needs table of a 64-bit ELF shared library.</summary>
    public static class LibstdcxxCompat
    {
        public const string TooNewVersion = "GLIBCXX_3.4.32";
        public const string SubstituteVersion = "GLIBCXX_3.4.18";
        const string LibstdcxxSoname = "libstdc++.so.6";
        const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>Standard System V ELF symbol-name hash, as stored in vna_hash.</summary>
        public static uint ElfHash(string name)
        {
            uint h = 0;
            foreach (byte c in Encoding.ASCII.GetBytes(name))
            {
                h = (h << 4) + c;
                uint g = h & 0xf0000000;
                if (g != 0) h ^= g >> 24;
                h &= ~g;
            }
            return h;
        }

        /// <summary>Inspects <paramref name="path"/> without changing it.</summary>
        public static LibstdcxxCompatState Inspect(string path) => Run(File.ReadAllBytes(path), write: false, out _);

        /// <summary>Rewrites the entry in place when needed; idempotent. Returns the state after the call.</summary>
        public static LibstdcxxCompatState Apply(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            var state = Run(bytes, write: true, out bool changed);
            if (changed)
            {
                // Write beside the target, then rename over it, so an interrupted build never leaves a torn library.
                string temp = path + ".gtgm-tmp";
                File.WriteAllBytes(temp, bytes);
                File.Replace(temp, path, null);
            }
            return state;
        }

        /// <summary>The GLIBCXX_* version strings a libstdc++ binary defines (read from its bytes).</summary>
        public static SortedSet<string> ProvidedVersions(string libstdcxxPath)
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            byte[] bytes = File.ReadAllBytes(libstdcxxPath);
            byte[] prefix = Encoding.ASCII.GetBytes("GLIBCXX_");
            for (int i = 0; i + prefix.Length < bytes.Length; i++)
            {
                if (bytes[i] != prefix[0] || (i > 0 && bytes[i - 1] != 0)) continue;
                if (!StartsWith(bytes, i, prefix)) continue;
                int end = Array.IndexOf(bytes, (byte)0, i);
                if (end > i) found.Add(Encoding.ASCII.GetString(bytes, i, end - i));
            }
            return found;
        }

        /// <summary>The system's libstdc++.so.6, or null when none of the usual places has it.</summary>
        public static string? FindSystemLibstdcxx()
        {
            foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64",
                                        "/usr/lib/aarch64-linux-gnu", "/usr/lib" })
            {
                string p = Path.Combine(dir, LibstdcxxSoname);
                if (File.Exists(p)) return p;
            }
            return null;
        }

        /// <summary>True when the system libstdc++ already defines the version the library asks for.</summary>
        public static bool SystemProvidesTooNewVersion()
        {
            string? lib = FindSystemLibstdcxx();
            return lib != null && ProvidedVersions(lib).Contains(TooNewVersion);
        }

        static LibstdcxxCompatState Run(byte[] b, bool write, out bool changed)
        {
            changed = false;
            if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F'
                || b[4] != 2 /* ELFCLASS64 */ || b[5] != 1 /* little endian */)
                return LibstdcxxCompatState.NotElf;

            ulong shoff = U64(b, 0x28);
            int shentsize = U16(b, 0x3a), shnum = U16(b, 0x3c);
            if (shoff == 0 || shentsize < 64 || shoff + (ulong)(shentsize * shnum) > (ulong)b.Length)
                return LibstdcxxCompatState.NotElf;

            for (int s = 0; s < shnum; s++)
            {
                int sh = checked((int)shoff + s * shentsize);
                if (U32(b, sh + 4) != ShtGnuVerneed) continue;
                int verneed = checked((int)U64(b, sh + 0x18));
                int link = (int)U32(b, sh + 0x28);
                int strtab = checked((int)U64(b, checked((int)shoff + link * shentsize) + 0x18));
                return RewriteVerneed(b, verneed, strtab, write, out changed);
            }
            return LibstdcxxCompatState.NotElf;
        }

        static LibstdcxxCompatState RewriteVerneed(byte[] b, int verneed, int strtab, bool write, out bool changed)
        {
            changed = false;
            int entry = verneed;
            while (true)
            {
                int count = U16(b, entry + 2);
                string file = CString(b, strtab + (int)U32(b, entry + 4));
                if (file == LibstdcxxSoname)
                {
                    int aux = entry + (int)U32(b, entry + 8);
                    var tooNew = new List<int>();
                    int substitutes = 0;
                    for (int a = 0; a < count; a++)
                    {
                        string name = CString(b, strtab + (int)U32(b, aux + 8));
                        if (name == TooNewVersion) tooNew.Add(aux);
                        if (name == SubstituteVersion) substitutes++;
                        uint next = U32(b, aux + 12);
                        if (next == 0) break;
                        aux += (int)next;
                    }
                    if (tooNew.Count == 0)
                        // The library already needed the substitute once, so a second copy marks our rewrite.
                        return substitutes > 1 ? LibstdcxxCompatState.Patched : LibstdcxxCompatState.NotNeeded;
                    if (!write) return LibstdcxxCompatState.Unpatched;

                    int nameOffset = FindDynstrString(b, strtab, SubstituteVersion);
                    if (nameOffset < 0) return LibstdcxxCompatState.Unpatched;
                    foreach (int at in tooNew)
                    {
                        W32(b, at, ElfHash(SubstituteVersion));
                        W32(b, at + 8, (uint)nameOffset);
                    }
                    changed = true;
                    return LibstdcxxCompatState.Patched;
                }
                uint nextEntry = U32(b, entry + 12);
                if (nextEntry == 0) return LibstdcxxCompatState.NotNeeded;
                entry += (int)nextEntry;
            }
        }

        static int FindDynstrString(byte[] b, int strtab, string value)
        {
            byte[] needle = Encoding.ASCII.GetBytes(value + "\0");
            for (int i = strtab; i + needle.Length <= b.Length; i++)
                if ((i == strtab || b[i - 1] == 0) && StartsWith(b, i, needle)) return i - strtab;
            return -1;
        }

        static bool StartsWith(byte[] b, int at, byte[] prefix)
        {
            if (at + prefix.Length > b.Length) return false;
            for (int k = 0; k < prefix.Length; k++) if (b[at + k] != prefix[k]) return false;
            return true;
        }

        static string CString(byte[] b, int at)
        {
            int end = Array.IndexOf(b, (byte)0, at);
            return Encoding.ASCII.GetString(b, at, end - at);
        }

        static ushort U16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);
        static uint U32(byte[] b, int at) => BitConverter.ToUInt32(b, at);
        static ulong U64(byte[] b, int at) => BitConverter.ToUInt64(b, at);
        static void W32(byte[] b, int at, uint v) => BitConverter.GetBytes(v).CopyTo(b, at);
    }

#if !GTGM_LIBRARY
    /// <summary>MSBuild task: applies <see cref="LibstdcxxCompat"/> to every matching file in an output folder.</summary>
    public sealed class ApplyLibstdcxxCompat : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required] public string[] Files { get; set; } = Array.Empty<string>();

        public override bool Execute()
        {
            if (LibstdcxxCompat.SystemProvidesTooNewVersion())
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                    "System libstdc++ provides " + LibstdcxxCompat.TooNewVersion + "; leaving TorchSharp natives as shipped.");
                return true;
            }
            foreach (string file in Files)
            {
                if (!File.Exists(file)) continue;
                var before = LibstdcxxCompat.Inspect(file);
                var after = LibstdcxxCompat.Apply(file);
                if (before == LibstdcxxCompatState.Unpatched)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        "gtgm: rewrote " + LibstdcxxCompat.TooNewVersion + " -> " + LibstdcxxCompat.SubstituteVersion + " in " + file + " (" + after + ")");
            }
            return true;
        }
    }
#endif
}
