// This test needs a file that even root cannot replace: `chattr +i`, which needs root (CAP_LINUX_IMMUTABLE) and a
// file system that has the flag (ext4, xfs, btrfs). Where that is not possible, it is skipped, saying why; the unit test
// SafeWriterTest.aFailedWriteOfTheSecondFileRestoresTheFirstByteForByte simulates the same failure everywhere.
File probe = new File(basedir, 'chattr-probe')
probe.text = 'probe'
def run = { String... command ->
    try {
        Process process = new ProcessBuilder(command as List).redirectErrorStream(true).start()
        process.inputStream.text
        process.waitFor()
    } catch (IOException e) {
        -1
    }
}
boolean works = run('chattr', '+i', probe.path) == 0
if (works) {
    assert run('chattr', '-i', probe.path) == 0
}
probe.delete()
if (!works) {
    println 'fix-rollback skipped: `chattr +i` is not possible here (it needs root and ext4, xfs or btrfs)'
}
return works
