import type { FastifyReply } from 'fastify';

/** Sends a stored file as a download under a name safe for the header. */
export const sendFile = (
  reply: FastifyReply,
  file: { file: Buffer; contentType: string; fileName: string },
) =>
  reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
    .send(file.file);
