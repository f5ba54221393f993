import { z } from 'zod';

/** POST /mall/listings/images: the uploaded file as koa-body (formidable) hands it over; its bytes are checked by the service. */
export const listingImageUploadSchema = z.object(
  {
    file: z
      .unknown()
      .superRefine((value, ctx) => {
        if (value === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'send the image as multipart/form-data in the field "file"' });
        else if (Array.isArray(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'send exactly one image in the field "file"' });
      })
      .pipe(z.object({ filepath: z.string(), size: z.number().int().min(0), originalFilename: z.string().nullish(), mimetype: z.string().nullish() })),
  },
  { required_error: 'send the image as multipart/form-data in the field "file"' },
);
export type UploadedImage = z.infer<typeof listingImageUploadSchema>['file'];
