import sharp from 'sharp';
import { errors } from './errors.ts';

export const PHOTO_SIZE = 256;
/** What a phone camera gives, with room to spare; the stored photo is a few kilobytes. */
export const PHOTO_UPLOAD_LIMIT = 8 * 1024 * 1024;
export const photoContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * A profile photo as stored: turned the way the camera held it, cropped square to 256 px and
 * re-encoded as WebP. Re-encoding drops every piece of metadata (EXIF, GPS, the camera's name)
 * and anything that is not a picture; libvips reads the bytes, never a browser.
 */
export async function normalisePhoto(input: Buffer): Promise<Buffer> {
  try {
    const image = sharp(input, { limitInputPixels: 50_000_000, failOn: 'error' });
    const { format } = await image.metadata();
    if (format !== 'jpeg' && format !== 'png' && format !== 'webp') throw new Error(`unsupported ${format}`);
    return await image.rotate().resize(PHOTO_SIZE, PHOTO_SIZE, { fit: 'cover', position: 'attention' }).webp({ quality: 80 }).toBuffer();
  } catch {
    throw errors.invalid('Bilden gick inte att läsa. Välj ett foto i JPEG-, PNG- eller WebP-format.', [{ field: 'photo', message: 'Välj en JPEG-, PNG- eller WebP-bild.' }]);
  }
}

/** Where a person's photo is read, with its version so that a new photo is never an old cached one. */
export function photoUrl(userId: string, version: number | string | null): string | null {
  return version === null ? null : `/api/users/${userId}/photo?v=${version}`;
}
