import { z } from "zod";

export const signInSchema = z.object({
  email: z
    .email({ message: "Enter the email address you signed up with." })
    .max(320)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(1, { message: "Enter your password." }).max(200, { message: "That password is too long." }),
});

export type SignInInput = z.infer<typeof signInSchema>;
