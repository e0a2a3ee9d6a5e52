/**
 * app_amd reads signed-linear audio; Asterisk hands it 20 ms frames (160 samples at 8 kHz), and
 * the DSP counts each frame's length as samples / 8 ms.
 */
export const AMD_FRAME_MS = 20;

/**
 * At event level a frame is voiced when sound covers at least half of it. The DSP compares a
 * frame's average absolute sample with silenceThreshold (256 by default); speech and DTMF sit
 * far enough above that level that a frame half filled with them still averages over it, while
 * a frame with only a sliver of sound does not. Half a frame is the even-handed cut.
 */
export const AMD_VOICED_COVERAGE_MS = AMD_FRAME_MS / 2;
